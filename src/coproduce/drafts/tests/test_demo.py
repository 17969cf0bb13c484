"""The demo's draft loads through the services, once."""

from typing import Any

from coproduce.drafts.models import AmendmentStatus, Draft
from coproduce.portal.demo import run_demo


def test_the_demo_draft_has_an_accepted_and_an_open_amendment(db: Any) -> None:
    run_demo()
    run_demo()
    draft = Draft.objects.get()
    assert draft.versions.count() == 2
    assert sorted(draft.amendments.values_list("status", flat=True)) == [
        AmendmentStatus.ACCEPTED,
        AmendmentStatus.OPEN,
    ]
    assert "illustrative" in draft.purpose
