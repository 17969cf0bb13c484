"""The demo's personal outcomes: an illustrative scale and readings for six Riverside
tenants, so the change across people shows figures; loading twice changes nothing."""

from django.test import Client

from coproduce.initiatives.models import Initiative
from coproduce.personaloutcomes.models import Pairing, Reading, Score
from coproduce.personaloutcomes.selectors import change_across_people, scale_of
from coproduce.portal.demo import load_demo


def test_the_demo_shows_the_change_across_six_people(client: Client, db: None) -> None:
    load_demo()
    load_demo()
    panel = Initiative.objects.get(slug="riverside-repairs-panel")
    scale = scale_of(panel)
    assert scale is not None and "illustrative" in scale.name
    assert (Pairing.objects.count(), Reading.objects.count(), Score.objects.count()) == (6, 18, 90)
    money = change_across_people(scale)[0]
    # first to latest: +3, +2, +1, +1, -1, +2 → 8/6
    assert (money.people, money.mean_change, money.improved, money.same, money.worse) == (
        6,
        1.33,
        5,
        0,
        1,
    )
    client.force_login(panel.memberships.get(is_coordinator=True).user)
    html = client.get(f"/initiatives/{panel.slug}/personal-outcomes/change/").content.decode()
    assert '<th scope="row">Managing money</th>\n  <td>6</td><td>1.33</td>' in html
