"""The draw: quotas met, seed recorded, fairness figures kept, a Decision in the record,
one person per household, and replacements that keep every quota met."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from coproduce.core.vocabulary import DecidingBody, DecisionRule, Side
from coproduce.panels import selectors, services
from coproduce.panels.drawing import RunProgress
from coproduce.panels.models import MemberStatus, PoolMember, RunStatus, SelectionRun
from coproduce.panels.tests.conftest import FEATURES, SEED, Jury, draw, make_panel, pool_csv


def serving_counts(jury: Jury) -> Counter[str]:
    members = jury.panel.pool.filter(status=MemberStatus.SELECTED)
    return Counter(f"{c.feature.name}:{c.name}" for m in members for c in m.categories.all())


def assert_quotas_met(jury: Jury) -> None:
    counts = serving_counts(jury)
    for feature, categories in FEATURES.items():
        for name, low, high in categories:
            assert low <= counts[f"{feature}:{name}"] <= high, (feature, name)


def test_a_queued_draw_selects_the_panel_within_every_quota(jury: Jury) -> None:
    run = services.selection_request(
        actor=jury.world.coordinator, panel=jury.panel, algorithm="legacy", seed=SEED
    )
    assert (run.status, run.seed, run.algorithm) == (RunStatus.QUEUED, SEED, "legacy")
    assert jury.panel.pool.filter(status=MemberStatus.SELECTED).count() == 0
    from coproduce.panels.drawing import selection_perform

    assert selection_perform(run_id=run.pk) == RunStatus.DONE
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.message == "8 selected."
    assert run.pool_size == 40
    assert jury.panel.pool.filter(status=MemberStatus.SELECTED, selected_in=run).count() == 8
    assert_quotas_met(jury)
    assert set(run.probabilities) == {
        "age:young",
        "age:middle",
        "age:old",
        "area:north",
        "area:south",
    }
    assert run.min_probability is not None
    assert 0 <= run.min_probability <= min(run.probabilities.values())


def test_the_same_seed_draws_the_same_panel(world, jury: Jury) -> None:
    first = draw(world, jury.panel)
    chosen = set(first.chosen.values_list("reference", flat=True))
    other = make_panel(world)
    services.pool_import(
        actor=world.coordinator, panel=other, csv_text=pool_csv(40), consent_confirmed=True
    )
    second = draw(world, other)
    assert set(second.chosen.values_list("reference", flat=True)) == chosen


def test_the_draw_is_a_decision_delegated_to_the_lot(jury: Jury) -> None:
    run = draw(jury.world, jury.panel)
    decision = run.decision
    assert decision is not None
    assert decision.title == "Repairs jury: the members selected by lot"
    assert decision.rule == DecisionRule.DELEGATED
    assert decision.decided_by == DecidingBody.PROFESSIONALS
    assert decision.initiated_by == jury.world.coordinator
    assert decision.initiated_by_side == Side.REGULAR_PRODUCER
    assert decision.source == run
    assert f"8 drawn from a pool of 40 by legacy (seed {SEED})" in decision.outcome
    # no pool member is named in the record
    assert not decision.participants.exists()


def test_maximin_draws_with_the_smallest_chance_it_can(jury: Jury) -> None:
    run = draw(jury.world, jury.panel, algorithm="maximin")
    assert run.status == RunStatus.DONE
    assert_quotas_met(jury)
    assert run.min_probability is not None and run.min_probability > 0


def test_infeasible_quotas_fail_the_run_with_the_reason(world) -> None:
    panel = make_panel(world)
    # everyone is young: the other age bands' minimums cannot be met
    rows = pool_csv(20).splitlines()
    only_young = [rows[0]] + [
        ",".join([*line.split(",")[:5], "young", line.split(",")[6]]) for line in rows[1:]
    ]
    services.pool_import(
        actor=world.coordinator,
        panel=panel,
        csv_text="\n".join(only_young),
        consent_confirmed=True,
    )
    run = draw(world, panel)
    assert run.status == RunStatus.FAILED
    assert "Not enough people with the value 'middle' in category 'age'" in run.message
    assert not panel.pool.filter(status=MemberStatus.SELECTED).exists()
    assert run.decision_id is None


def test_one_person_per_household(world) -> None:
    panel = make_panel(world)
    text = pool_csv(40).replace("Mill Lane", "Mill Lane").splitlines()
    # people 1-20 live two to a house
    shared = [text[0]] + [
        line.replace(f"{n} Mill Lane", f"{(n + 1) // 2} Mill Lane") if n <= 20 else line
        for n, line in enumerate(text[1:], start=1)
    ]
    services.pool_import(
        actor=world.coordinator, panel=panel, csv_text="\n".join(shared), consent_confirmed=True
    )
    for seed in (1, 2, 3):
        PoolMember.objects.filter(panel=panel).update(status="pool", selected_in=None)
        SelectionRun.objects.filter(panel=panel).delete()
        draw(world, panel, seed=seed)
        homes = list(panel.pool.filter(status="selected").values_list("address", flat=True))
        assert len(homes) == len(set(homes)) == 8


def test_replacements_keep_every_quota_met(jury: Jury) -> None:
    world = jury.world
    draw(world, jury.panel)
    leaving = list(jury.panel.pool.filter(status=MemberStatus.SELECTED)[:3])
    for member in leaving:
        services.member_drop_out(actor=world.coordinator, member=member)
    assert selectors.serving_count(jury.panel) == 5
    run = draw(world, jury.panel, seed=99)
    assert run.status == RunStatus.DONE
    assert run.replacing == 3
    assert selectors.serving_count(jury.panel) == 8
    assert_quotas_met(jury)
    assert {m.status for m in PoolMember.objects.filter(pk__in=[m.pk for m in leaving])} == {
        MemberStatus.DROPPED_OUT
    }
    assert run.decision is not None
    assert run.decision.title == ("Repairs jury: 3 replacement(s) selected by lot")


def test_a_full_panel_has_nothing_to_replace(jury: Jury) -> None:
    draw(jury.world, jury.panel)
    with pytest.raises(ValidationError, match="The panel is full"):
        services.selection_request(actor=jury.world.coordinator, panel=jury.panel)


def test_one_draw_at_a_time(jury: Jury) -> None:
    services.selection_request(actor=jury.world.coordinator, panel=jury.panel)
    with pytest.raises(ValidationError, match="already under way"):
        services.selection_request(actor=jury.world.coordinator, panel=jury.panel)
    assert SelectionRun.objects.filter(panel=jury.panel).count() == 1


def test_a_pool_smaller_than_the_panel_is_refused(world) -> None:
    panel = make_panel(world)
    services.pool_import(
        actor=world.coordinator, panel=panel, csv_text=pool_csv(5), consent_confirmed=True
    )
    with pytest.raises(ValidationError, match="The pool has 5 people who can be drawn, fewer"):
        services.selection_request(actor=world.coordinator, panel=panel)
    assert not SelectionRun.objects.exists()


def test_only_coordinators_draw(jury: Jury) -> None:
    from django.core.exceptions import PermissionDenied

    for person in (jury.world.member, jury.world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.selection_request(actor=person, panel=jury.panel)
    assert not SelectionRun.objects.exists()


def test_a_running_draw_shows_its_progress_a_few_times(jury: Jury) -> None:
    run = services.selection_request(
        actor=jury.world.coordinator, panel=jury.panel, algorithm="maximin", seed=SEED
    )
    SelectionRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    progress = RunProgress(run.pk)
    progress.start_phase("multiplicative_weights", 30)
    progress.update(5)  # within a few seconds of the last message: not written
    run.refresh_from_db()
    assert run.message == "Drawing by lot: finding a first set of panels, round 0 of 30."
    progress.start_phase("maximin_optimization", None)
    run.refresh_from_db()
    assert run.message == "Drawing by lot: evening out everyone's chances, step 0."
