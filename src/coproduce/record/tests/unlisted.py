"""What every capability's unlisted entries must show: the entry is in its contributor's
own list and in no one else's, by the record's page and API alike."""

from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from coproduce.record.models import Contribution
from coproduce.record.selectors import contributions_for


def assert_listed_to_contributor_alone(
    entry: Contribution, others: list[Any], words_on_the_page: str
) -> None:
    """``entry`` is listed to its contributor and to none of ``others`` (None: a visitor);
    the record's API does not list or show it to a visitor, nor its page say
    ``words_on_the_page``."""
    initiative = entry.initiative
    assert entry in contributions_for(initiative, entry.contributor)
    for viewer in others:
        assert entry not in contributions_for(initiative, viewer), viewer
    api = APIClient()
    url = f"/api/v1/initiatives/{initiative.slug}/contributions/"
    assert entry.pk not in [row["id"] for row in api.get(url).json()["results"]]
    assert api.get(f"{url}{entry.pk}/").status_code == 404
    page = Client().get(f"/initiatives/{initiative.slug}/record/").content.decode()
    assert words_on_the_page not in page
