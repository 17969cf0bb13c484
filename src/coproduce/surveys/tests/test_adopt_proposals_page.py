"""The coordinator's page that puts a needs survey's top options to a PB budget as
proposals: the options in the results' order with the top N ticked, a cost for each, one
step; refused clearly when no process is taking proposals, and to members."""

from typing import Any

from conftest import World
from coproduce.budgeting.models import Proposal
from coproduce.budgeting.services import phase_advance
from coproduce.budgeting.tests.conftest import PB, make_pb
from coproduce.record.models import Decision

from .conftest import BUS, CAFE, SHOP, Built, answer, members


def _url(built: Built, query: str = "") -> str:
    survey = built.survey
    return f"/initiatives/{survey.initiative.slug}/surveys/{survey.pk}/adopt/proposals/{query}"


def _ranked(world: World, built: Built) -> None:
    first, second, third = members(world, 3)
    answer(built, first, ranking=[CAFE, BUS])
    answer(built, second, ranking=[CAFE, SHOP])
    answer(built, third, ranking=[BUS, CAFE])


def _post(client: Any, built: Built, pb: PB, **fields: str) -> Any:
    return client.post(_url(built), {"question": built.ranking.pk, "budget": pb.north.pk, **fields})


def test_the_top_options_by_borda_are_ticked_and_adopted_with_their_costs(
    client: Any, world: World, built: Built
) -> None:
    _ranked(world, built)
    pb = make_pb(world)
    client.force_login(world.coordinator)
    page = client.get(_url(built, f"?question={built.ranking.pk}&top=2"))
    form = page.context["form"]
    # Borda (2 places): Cafe 2+2+1 = 5, Bus 1+0+2 = 3, Shop 0+1+0 = 1
    assert [label for label, _tick, _cost in form.rows] == [CAFE, BUS, SHOP]
    assert [form[tick].initial for _label, tick, _cost in form.rows] == [True, True, False]
    before = Proposal.objects.count()
    done = _post(client, built, pb, adopt_2="on", cost_2="250.50", adopt_1="on", cost_1="99")
    assert (done.status_code, done["Location"]) == (302, f"/pb/{pb.process.pk}/")
    made = Proposal.objects.order_by("id")[before:]
    assert [(p.title, p.estimated_cost, p.budget_id, p.author_id) for p in made] == [
        (CAFE, 25_050, pb.north.pk, world.coordinator.pk),
        (BUS, 9_900, pb.north.pk, world.coordinator.pk),
    ]
    decisions = Decision.objects.filter(title__startswith="Proposal adopted").order_by("id")
    assert [(d.source_id, d.initiated_by_id) for d in decisions] == [
        (made[0].pk, world.coordinator.pk),
        (made[1].pk, world.coordinator.pk),
    ]


def test_bad_costs_are_form_errors_and_nothing_is_adopted(
    client: Any, world: World, built: Built
) -> None:
    pb = make_pb(world)
    before = (Proposal.objects.count(), Decision.objects.count())
    client.force_login(world.coordinator)
    missing = _post(client, built, pb, adopt_2="on", cost_2="")
    assert missing.status_code == 400
    assert missing.context["form"].errors == {
        "cost_2": ["Give the estimated cost of \u201cCafe\u201d."]
    }
    over = _post(client, built, pb, adopt_2="on", cost_2="1000.01", adopt_0="on", cost_0="-3")
    assert over.status_code == 400
    assert over.context["form"].errors == {
        "cost_0": ["Ensure this value is greater than or equal to 0.01."],
        "cost_2": ["The cost must be within the budget (£1,000.00)."],
    }
    nothing = _post(client, built, pb)
    assert nothing.context["form"].errors == {"__all__": ["Tick at least one option to adopt."]}
    assert (Proposal.objects.count(), Decision.objects.count()) == before


def test_with_no_process_taking_proposals_the_page_says_what_to_do(
    client: Any, world: World, built: Built
) -> None:
    client.force_login(world.coordinator)
    page = client.get(_url(built)).content.decode()
    assert "No PB process of this initiative is taking proposals now." in page
    assert f'href="/pb/new/{world.initiative.slug}/"' in page
    pb = make_pb(world)
    phase_advance(actor=world.coordinator, process=pb.process)  # to review
    before = Proposal.objects.count()
    refused = _post(client, built, pb, adopt_2="on", cost_2="10")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "No PB process of this initiative is taking proposals now." in text
    assert f'href="/pb/{pb.process.pk}/manage/"' in text
    assert Proposal.objects.count() == before


def test_a_member_cannot_adopt_and_nothing_is_created(
    client: Any, world: World, built: Built
) -> None:
    pb = make_pb(world)
    before = (Proposal.objects.count(), Decision.objects.count())
    client.force_login(world.member)
    assert client.get(_url(built)).status_code == 403
    assert _post(client, built, pb, adopt_2="on", cost_2="10").status_code == 403
    assert (Proposal.objects.count(), Decision.objects.count()) == before


def test_the_page_in_welsh_says_what_to_do(client: Any, world: World, built: Built) -> None:
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    page = client.get(_url(built)).content.decode()
    assert "<h1>Mabwysiadu atebion fel cynigion PB</h1>" in page
    assert "Nid oes unrhyw broses PB yn y fenter hon yn derbyn cynigion ar hyn o bryd." in page
    assert "No PB process" not in page
