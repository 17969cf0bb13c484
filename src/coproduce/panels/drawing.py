"""The draw itself: the trusted side of a selection run, called by the background task once
a coordinator's request (``services.selection_request``) has been checked. It feeds the
pool and the quotas to ``sortition`` and writes the result, and the Decision in the record,
in one transaction; a pool or quotas that allow no panel leave the run failed with the
library's words for why."""

import time
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core.vocabulary import DECIDING_BODY_OF_SIDE, DecisionRule, Side
from coproduce.initiatives.selectors import standing
from coproduce.panels import fixed_hash, sortition
from coproduce.panels.models import (
    Category,
    MemberStatus,
    Panel,
    PoolMember,
    RunStatus,
    SelectionRun,
)
from coproduce.record.services import do_record_decision


def household(member: PoolMember) -> tuple[str, str]:
    return (member.address.strip().lower(), member.postcode.replace(" ", "").lower())


def _member_categories(members: list[PoolMember]) -> dict[int, list[Category]]:
    found: dict[int, list[Category]] = {member.pk: [] for member in members}
    through = PoolMember.categories.through.objects.filter(poolmember__in=members)
    categories = {c.pk: c for c in Category.objects.filter(feature__panel_id=members[0].panel_id)}
    for link in through.select_related(None):
        found[link.poolmember_id].append(categories[link.category_id])
    return found


def lottery_inputs(
    panel: Panel,
) -> tuple[list[dict[str, Any]], list[dict[str, str]], int, int]:
    """Quota rows, pool rows, the number to draw and the number kept: for a first draw the
    whole quotas and the panel's size; for replacements, each quota less the members who
    stay, the places they leave, and a pool without anyone who shares a stayer's home."""
    members = list(panel.pool.exclude(status=MemberStatus.DROPPED_OUT).select_related("panel"))
    kept = [m for m in members if m.status == MemberStatus.SELECTED]
    candidates = [m for m in members if m.status == MemberStatus.POOL]
    categories = _member_categories(members) if members else {}
    kept_counts = Counter(c.pk for m in kept for c in categories[m.pk])
    quota_rows = [
        {
            "feature": category.feature.name,
            "value": category.name,
            "min": max(0, category.quota_min - kept_counts[category.pk]),
            "max": category.quota_max - kept_counts[category.pk],
        }
        for category in Category.objects.filter(feature__panel=panel).select_related("feature")
    ]
    if panel.households and kept:
        taken = {household(m) for m in kept}
        candidates = [m for m in candidates if household(m) not in taken]
    people_rows = [
        {
            sortition.ID_COLUMN: str(member.pk),
            **{c.feature.name: c.name for c in categories[member.pk]},
            "address": member.address,
            "postcode": member.postcode.replace(" ", ""),
        }
        for member in candidates
    ]
    return quota_rows, people_rows, panel.size - len(kept), len(kept)


class RunProgress:
    """The library's progress events, shown as the run's message on the selection page (at
    most every ``EVERY`` seconds, so a long draw writes a few rows, not thousands)."""

    EVERY = 3.0

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.phase = ""
        self.total: int | None = None
        self.shown = 0.0

    def start_phase(
        self, name: str, total: int | None = None, *, message: str | None = None
    ) -> None:
        self.phase, self.total, self.shown = name, total, -self.EVERY
        self.update(0)

    def update(self, current: int, *, message: str | None = None) -> None:
        now = time.monotonic()
        if now - self.shown < self.EVERY:
            return
        self.shown = now
        if self.phase == "multiplicative_weights":
            text = _("Drawing by lot: finding a first set of panels, round %(n)s of %(total)s.")
        else:
            text = _("Drawing by lot: evening out everyone's chances, step %(n)s.")
        SelectionRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            message=text % {"n": current, "total": self.total}
        )

    def end_phase(self) -> None:
        pass


def _draw(run: SelectionRun) -> sortition.Draw:
    """The draw in a child process under a fixed hash seed: the run's seed draws the same
    panel again, in the worker or on the command line."""
    panel = run.panel
    quota_rows, people_rows, wanted, _ = lottery_inputs(panel)
    return fixed_hash.draw(
        quota_rows,
        people_rows,
        wanted,
        algorithm=run.algorithm,
        seed=run.seed,
        households=panel.households,
        progress=RunProgress(run.pk),
    )


def _record(run: SelectionRun, draw: sortition.Draw, pool_size: int) -> None:
    panel = run.panel
    found = standing(run.requested_by, panel.initiative)
    side = found.side if found.active else Side.REGULAR_PRODUCER
    what = f"{len(draw.selected)} replacement(s)" if run.replacing else "the members"
    run.decision = do_record_decision(
        source=run,
        recorded_by=run.requested_by,
        initiative=panel.initiative,
        stage=panel.stage,
        title=f"{panel.title}: {what} selected by lot"[:200],
        outcome=(
            f"{len(draw.selected)} drawn from a pool of {pool_size} by {draw.algorithm} "
            f"(seed {draw.seed}), every quota met; the smallest chance of selection was "
            f"{draw.min_probability:.1%}."
        ),
        initiated_by=run.requested_by if found.active else None,
        initiated_by_side=side,
        decided_by=DECIDING_BODY_OF_SIDE[side],
        rule=DecisionRule.DELEGATED,
        decided_on=timezone.localdate(),
    )


def selection_perform(*, run_id: int) -> str:
    """Run a queued draw; return its final status."""
    with transaction.atomic():
        run = SelectionRun.objects.select_for_update().select_related("panel").get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            return str(run.status)
        run.status = RunStatus.RUNNING
        run.message = _("Drawing by lot…")
        run.save(update_fields=["status", "message"])
    try:
        draw = _draw(run)
        _finish(run_id, draw)
    except sortition.SelectionFailed as failure:
        SelectionRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message="\n".join(failure.lines), finished_at=timezone.now()
        )
        return RunStatus.FAILED
    return RunStatus.DONE


@transaction.atomic
def _finish(run_id: int, draw: sortition.Draw) -> None:
    run = SelectionRun.objects.select_for_update().select_related("panel").get(pk=run_id)
    pool_size = run.panel.pool.filter(status=MemberStatus.POOL).count()
    chosen = PoolMember.objects.filter(
        panel=run.panel, pk__in=[int(key) for key in draw.selected], status=MemberStatus.POOL
    )
    if chosen.update(status=MemberStatus.SELECTED, selected_in=run) != len(draw.selected):
        raise sortition.SelectionFailed(["The pool changed during the draw; ask for a new one."])
    run.status = RunStatus.DONE
    run.message = ngettext("%(n)s selected.", "%(n)s selected.", len(draw.selected)) % {
        "n": len(draw.selected)
    }
    run.min_probability = draw.min_probability
    run.probabilities = draw.probabilities
    run.pool_size = pool_size
    run.finished_at = timezone.now()
    _record(run, draw, pool_size)
    run.save()
