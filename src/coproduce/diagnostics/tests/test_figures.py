"""The diagnostics against the hand record (conftest.py), whose every figure was computed
by hand."""

import datetime
from itertools import product
from typing import Any

from conftest import World
from coproduce.core.dates import Period
from coproduce.core.vocabulary import DecisionKind, StageKind, WhoDoesIt
from coproduce.diagnostics.selectors import diagnostics
from coproduce.diagnostics.tests.conftest import day
from coproduce.initiatives import services as initiatives
from coproduce.record import services as record
from coproduce.record.models import Decision, PersonTotal


def test_typology_reads_minutes_by_axis_and_places_the_bovaird_cell(
    world: World, hand: Any
) -> None:
    typology = diagnostics(world.initiative)["typology"]
    assert typology["planning"] == {
        "citizen_minutes": 180,
        "professional_minutes": 360,
        "political_minutes": 0,
        "community_share": 0.3333,
        "category": "joint",
        "declared": None,
        "observed": "joint",
        "declaration": None,
    }
    assert typology["delivery"] == {
        "citizen_minutes": 1000,
        "professional_minutes": 50,
        "political_minutes": 30,
        "community_share": 0.9524,
        "category": "citizens_alone",
        "declared": None,
        "observed": "citizens_alone",
        "declaration": None,
    }
    assert typology["assessment"]["category"] == "no_data"
    assert typology["assessment"]["community_share"] is None
    assert typology["bovaird_cell"] == "community_delivery_of_coplanned"


def test_power_counts_standing_decisions_by_side(world: World, hand: Any) -> None:
    power = diagnostics(world.initiative)["power"]
    assert power == {
        "decisions": 8,  # 7 less the reversed one, and the two approvals
        "initiated_share": {"regular_producer": 0.5, "citizen": 0.25, "political": 0.25},
        "decided_share": {
            "citizens": 0.125,
            "professionals": 0.5,
            "politicians": 0.125,
            "joint": 0.25,
        },
        "citizen_voice_share": 0.25,  # decisions 1 (joint, cit1 took part) and 3
        # named initiators: cit1 2, pro 2, cllr 2, coord 1 -> (4 + 4 + 4 + 1) / 49
        "initiation_hhi": 0.2653,
        "exclusions": {"citizens": 0, "professionals": 1, "politicians": 0, "joint": 0},
        # citizens plan jointly and deliver; a voice in 1 in 4 decisions: at least t = 0.10,
        # below the half that full co-production needs
        "mode": "coproduction_in_implementation",
    }


def test_burden_is_the_spread_of_minutes_over_people(world: World, hand: Any) -> None:
    burden = diagnostics(world.initiative)["burden"]
    minutes = [720, 360, 100, 350, 60, 30]
    n, mean = len(minutes), sum(minutes) / len(minutes)
    double_sum = sum(abs(a - b) for a, b in product(minutes, repeat=2))
    assert round(double_sum / (2 * n * n * mean), 4) == 0.4733  # the definition, by hand
    assert burden == {
        "people": 6,
        "minutes": 1620,
        "gini": 0.4733,
        "top_decile_share": 0.4444,  # ceil(6 / 10) = 1 person: cit1's 720 of 1620
        # cit1 gives 720 in the week of 2 March; cit2's 60 (Sunday) and 300 (Monday) fall in
        # two weeks; pro's 350 is at the cap, not above it
        "over_cap": 1,
    }


def test_value_prices_each_sides_time_and_counts_its_money(world: World, hand: Any) -> None:
    value = diagnostics(world.initiative)["value"]
    assert value["by_side"] == {
        "citizen": {
            "minutes": 1180,
            "paid_minutes": 0,
            "money_pence": 8000,
            "in_kind_pence": 1500,
            "value_low_pence": 23600,
            "value_high_pence": 29500,
        },
        "regular_producer": {
            "minutes": 410,
            "paid_minutes": 410,
            "money_pence": 20000,
            "in_kind_pence": 0,
            "value_low_pence": 8200,
            "value_high_pence": 10250,
        },
        "political": {
            "minutes": 30,
            "paid_minutes": 0,
            "money_pence": 0,
            "in_kind_pence": 0,
            "value_low_pence": 600,
            "value_high_pence": 750,
        },
    }
    assert value["by_organisation_kind"] == {
        "public_agency": 0,
        "third_sector": 0,
        "community_group": 3000,
        "business": 0,
        "funder": 20000,
        "individuals": 5000,
    }
    assert value["cofinancing_citizen_share"] == 0.2857
    assert value["basis"]["low_rate_pence"] == 1200


def test_shared_understanding_counts_goals_both_sides_shaped(world: World, hand: Any) -> None:
    assert diagnostics(world.initiative)["shared_understanding"] == {
        "goals": 3,
        "co_proposed_share": 0.6667,
        "agreed_by_both_share": 0.3333,
    }


def test_a_period_keeps_only_the_entries_dated_in_it(world: World, hand: Any) -> None:
    found = diagnostics(world.initiative, Period(day(4), day(8)))
    # 4th to 8th: cit1 600 (5th), cit2 60 (8th), pro 50 (4th), cllr 30 (4th)
    assert found["typology"]["planning"]["citizen_minutes"] == 60
    assert found["typology"]["planning"]["professional_minutes"] == 0
    assert found["typology"]["planning"]["category"] == "citizens_alone"
    assert found["typology"]["delivery"]["citizen_minutes"] == 600
    assert found["typology"]["delivery"]["professional_minutes"] == 50
    assert found["power"]["decisions"] == 0
    assert found["burden"]["people"] == 4
    assert found["value"]["by_side"]["citizen"]["money_pence"] == 8000  # paid on the 6th
    assert found["period"] == {
        "from": "2026-03-04",
        "to": "2026-03-08",
        "whole_record": ["inclusion", "self_assessment"],
    }


def test_the_whole_record_reads_the_running_totals_and_agrees_with_the_entries(
    world: World, hand: Any
) -> None:
    """Without a period the sums and the burden come from the record's running totals; a
    period reaching back before any entry sums the entries themselves: the same figures."""
    whole = diagnostics(world.initiative)
    summed = diagnostics(world.initiative, Period(start=datetime.date(2000, 1, 1)))
    assert {k: v for k, v in whole.items() if k != "period"} == {
        k: v for k, v in summed.items() if k != "period"
    }
    assert whole["burden"]["people"] == 6  # cit4's minutes were reversed
    PersonTotal.objects.all().delete()  # what the whole-record reading stands on
    assert diagnostics(world.initiative)["burden"]["people"] == 0
    assert (
        diagnostics(world.initiative, Period(start=datetime.date(2000, 1, 1)))["burden"]
        == (summed["burden"])
    )


def test_an_empty_record_answers_with_no_data(world: World) -> None:
    found = diagnostics(world.other)
    assert found["typology"]["bovaird_cell"] is None
    assert found["typology"]["planning"]["category"] == "no_data"
    assert found["power"]["decisions"] == 0
    assert found["power"]["citizen_voice_share"] is None
    assert found["power"]["initiation_hhi"] is None
    assert found["power"]["mode"] == "no_data"
    assert found["burden"] == {
        "people": 0,
        "minutes": 0,
        "gini": None,
        "top_decile_share": None,
        "over_cap": 0,
    }
    assert found["value"]["cofinancing_citizen_share"] is None
    assert found["shared_understanding"] == {
        "goals": 0,
        "co_proposed_share": None,
        "agreed_by_both_share": None,
    }


def test_a_declaration_wins_over_the_minutes_until_withdrawn(world: World, hand: Any) -> None:
    perform = world.initiative.stages.get(kind=StageKind.CO_PERFORMING)
    declaration = initiatives.stage_declare(
        actor=world.coordinator,
        stage=perform,
        delivery=WhoDoesIt.JOINT,
        evidence="Staff run every session with the volunteers (rota, March 2026).",
        declared_on=day(12),
    )
    found = diagnostics(world.initiative)
    delivery = found["typology"]["delivery"]
    assert (delivery["category"], delivery["declared"], delivery["observed"]) == (
        "joint",
        "joint",
        "citizens_alone",
    )
    assert delivery["declaration"] == {
        "stage": "co_performing",
        "evidence": "Staff run every session with the volunteers (rota, March 2026).",
        "declared_on": "2026-03-12",
    }
    assert found["typology"]["bovaird_cell"] == "full_coproduction"
    assert found["power"]["decisions"] == 8  # a declaration is not a decision about the service
    # not yet declared in a period that ends before the declaration
    assert (
        diagnostics(world.initiative, Period(end=day(11)))["typology"]["delivery"]["declared"]
        is None
    )

    # the stage's newer declaration replaces it whole: it names planning only
    initiatives.stage_declare(
        actor=world.coordinator,
        stage=perform,
        planning=WhoDoesIt.PROFESSIONALS_ALONE,
        evidence="The rota is planned by staff alone.",
        declared_on=day(13),
    )
    found = diagnostics(world.initiative)["typology"]
    assert (found["planning"]["category"], found["delivery"]["category"]) == (
        "professionals_alone",
        "citizens_alone",
    )
    decisions = Decision.objects.filter(kind=DecisionKind.DECLARATION).order_by("id")
    for decision in reversed(decisions):
        record.decision_reverse(actor=world.coordinator, decision=decision, reason="Withdrawn")
    found = diagnostics(world.initiative)["typology"]
    assert (found["planning"]["declared"], found["delivery"]["declared"]) == (None, None)
    assert found["bovaird_cell"] == "community_delivery_of_coplanned"
    assert declaration.stage_id == perform.pk
