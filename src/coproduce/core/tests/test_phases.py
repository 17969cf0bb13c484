"""The shared phase kit: out-of-phase refusals, the rules predicate, the order, the log."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import World
from coproduce.budgeting.models import Phase, Process
from coproduce.core.models import PhaseLog
from coproduce.core.phases import do_phase_log, next_phase, phase_in, phase_logs, require_phase


def test_work_out_of_phase_is_refused_with_the_phases_named() -> None:
    process = Process(phase=Phase.REVIEW)
    require_phase(process, Phase, Phase.REVIEW, Phase.VOTING)  # in phase: no error
    with pytest.raises(ValidationError) as refused:
        require_phase(process, Phase, Phase.PROPOSALS, Phase.VOTING)
    assert refused.value.message_dict == {
        "phase": [
            "This can be done only during proposal collection or voting; the process is in "
            "feasibility review."
        ]
    }


def test_phase_in_is_a_predicate_over_the_targets_phase() -> None:
    voting = phase_in(Phase.VOTING, Phase.COUNTING)
    assert voting.test(None, SimpleNamespace(phase=Phase.COUNTING)) is True
    assert voting.test(None, SimpleNamespace(phase=Phase.RESULTS)) is False
    assert voting.test(None, object()) is False


def test_the_next_phase_follows_the_declared_order() -> None:
    assert next_phase(Phase, Phase.SETUP) == Phase.PROPOSALS
    assert next_phase(Phase, Phase.RESULTS) == Phase.IMPLEMENTATION
    assert next_phase(Phase, Phase.IMPLEMENTATION) is None


def test_a_phase_closes_once_and_its_log_is_append_only(world: World) -> None:
    logged = do_phase_log(
        target=world.initiative,
        phase="proposals",
        closed_by=world.coordinator,
        counts={"proposals": 4, "comments": 9},
    )
    assert [(log.phase, log.counts, log.closed_by) for log in phase_logs(world.initiative)] == [
        ("proposals", {"proposals": 4, "comments": 9}, world.coordinator)
    ]
    assert phase_logs(world.other) == []
    with pytest.raises(IntegrityError), transaction.atomic():
        do_phase_log(target=world.initiative, phase="proposals", closed_by=world.member, counts={})
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - the trigger's error
        PhaseLog.objects.filter(pk=logged.pk).update(counts={"proposals": 5})
    assert PhaseLog.objects.get(pk=logged.pk).counts == {"proposals": 4, "comments": 9}
