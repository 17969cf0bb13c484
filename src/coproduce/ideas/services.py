"""Writes for ideas: post, comment, support and withdraw support (members); hide, unhide,
merge and answer (coordinators). Posting is a co-planning contribution of the author; each
answer is a decision in the record, initiated by the idea's author's side."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from coproduce.budgeting import services as budgeting
from coproduce.budgeting.models import Budget, Phase, Process, Proposal
from coproduce.core import gate
from coproduce.core.images import clean_picture
from coproduce.core.queries import checked_text
from coproduce.core.templatetags.coproduce import money
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    ContributionKind,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    StageKind,
    Unit,
)
from coproduce.events.models import Event
from coproduce.ideas.models import (
    ANSWERS,
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Answer,
    Category,
    Comment,
    Idea,
    IdeaStatus,
    ModerationAction,
    ModerationEntry,
    Support,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing
from coproduce.initiatives.services import SIDE_OF_STAFF, do_stage_for_record
from coproduce.notifications.kinds import Kind
from coproduce.notifications.services import notify
from coproduce.record.services import Participant, do_record_contribution, do_record_decision
from coproduce.search.services import document_refresh

CLOSED = _lazy("This idea was merged into another; support and comment on that one.")
NO_PICTURE_WORDS = _lazy("Say in a few words what the picture shows, for people who cannot see it.")


def _open(idea: Idea) -> None:
    if idea.status == IdeaStatus.MERGED:
        raise ValidationError({"idea": CLOSED})


@transaction.atomic
def idea_post(
    *,
    actor: Any,
    initiative: Initiative,
    title: Any,
    text: Any,
    category: Any,
    image: UploadedFile | None = None,
    image_alt: Any = "",
    event: Event | None = None,
) -> Idea:
    """An active member posts an idea, perhaps from a workshop or event of the initiative;
    it is their co-planning contribution (one idea), on the side their membership gives
    them."""
    gate.require(actor, "ideas.post", initiative)
    if event is not None and event.initiative_id != initiative.pk:
        raise ValidationError({"event": _("Choose an event of this initiative.")})
    idea = Idea(
        initiative=initiative,
        author=actor,
        author_side=standing(actor, initiative).side,
        title=checked_text("title", title, TITLE_MAX, required=_("Give the idea a title.")),
        text=checked_text("text", text, TEXT_MAX, required=_("Say what the idea is.")),
        category=category,
        event=event,
        image_alt=checked_text("image_alt", image_alt, 300),
    )
    if category not in Category.values:
        raise ValidationError({"category": _("Choose one of the categories.")})
    cleaned = clean_picture(image, "image") if image is not None else None
    if cleaned is not None and not idea.image_alt:
        raise ValidationError({"image_alt": NO_PICTURE_WORDS})
    if cleaned is None:
        idea.image_alt = ""
    idea.stage = do_stage_for_record(initiative, StageKind.CO_PLANNING)
    if cleaned is not None:
        idea.image.save(cleaned.name or "picture", cleaned, save=False)
    idea.save()
    do_record_contribution(
        source=idea,
        recorded_by=actor,
        initiative=initiative,
        stage=idea.stage,
        kind=ContributionKind.IDEA,
        quantity=1,
        unit=Unit.COUNT,
        occurred_on=timezone.localdate(),
        # the record names the idea by number: its title may later be hidden
        description=f"Idea #{idea.pk}",
        contributor=actor,
    )
    document_refresh(idea)
    return idea


@transaction.atomic
def idea_comment(*, actor: Any, idea: Idea, text: Any) -> Comment:
    gate.require(actor, "ideas.comment", idea)
    _open(idea)
    checked = checked_text("text", text, COMMENT_MAX, required=_("Write your comment."))
    comment = Comment.objects.create(idea=idea, author=actor, text=checked)
    notify(
        recipients=[idea.author_id] if idea.author_id != actor.pk else [],
        kind=Kind.REPLY,
        message="idea_comment",
        params={"person": actor.shown_name, "title": idea.title},
        link=reverse("ideas:detail", args=[idea.initiative.slug, idea.pk]),
    )
    return comment


@transaction.atomic
def idea_support(*, actor: Any, idea: Idea) -> Support:
    """Support an idea: once per member (the unique constraint settles requests at once;
    the later ones are told it is already theirs), never one's own."""
    gate.require(actor, "ideas.support", idea)
    _open(idea)
    try:
        with transaction.atomic():
            return Support.objects.create(idea=idea, person=actor)
    except IntegrityError:
        raise ValidationError({"idea": _("You already support this idea.")}) from None


@transaction.atomic
def idea_unsupport(*, actor: Any, idea: Idea) -> None:
    """Withdraw one's support (a member who left may still withdraw theirs)."""
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in to withdraw your support.")
    removed, _kinds = Support.objects.filter(idea=idea, person=actor).delete()
    if not removed:
        raise ValidationError({"idea": _("You do not support this idea.")})


def _reason(reason: Any) -> str:
    return checked_text(
        "reason", reason, REASON_MAX, required=_("Give the reason; it is published.")
    )


def _log(actor: Any, idea: Idea, action: str, reason: str, **extra: Any) -> ModerationEntry:
    return ModerationEntry.objects.create(
        initiative_id=idea.initiative_id,
        idea=idea,
        action=action,
        reason=reason,
        moderator=actor,
        **extra,
    )


def _locked_idea(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


@transaction.atomic
def idea_hide(*, actor: Any, idea: Idea, reason: Any) -> Idea:
    """Hide an idea with a public reason, which is shown in its place."""
    gate.require(actor, "ideas.moderate", idea)
    checked = _reason(reason)
    idea = _locked_idea(idea)
    if idea.hidden:
        raise ValidationError({"idea": _("This idea is already hidden.")})
    idea.hidden_reason = checked
    idea.save(update_fields=["hidden_reason"])
    _log(actor, idea, ModerationAction.HIDE, checked)
    document_refresh(idea)  # no longer listed
    return idea


@transaction.atomic
def idea_unhide(*, actor: Any, idea: Idea, reason: Any) -> Idea:
    gate.require(actor, "ideas.moderate", idea)
    checked = _reason(reason)
    idea = _locked_idea(idea)
    if not idea.hidden:
        raise ValidationError({"idea": _("This idea is not hidden.")})
    idea.hidden_reason = ""
    idea.save(update_fields=["hidden_reason"])
    _log(actor, idea, ModerationAction.UNHIDE, checked)
    document_refresh(idea)
    return idea


@transaction.atomic
def comment_hide(*, actor: Any, comment: Comment, reason: Any) -> Comment:
    gate.require(actor, "ideas.moderate", comment.idea)
    checked = _reason(reason)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden:
        raise ValidationError({"comment": _("This comment is already hidden.")})
    comment.hidden_reason = checked
    comment.save(update_fields=["hidden_reason"])
    _log(actor, comment.idea, ModerationAction.HIDE, checked, comment=comment)
    return comment


@transaction.atomic
def comment_unhide(*, actor: Any, comment: Comment, reason: Any) -> Comment:
    gate.require(actor, "ideas.moderate", comment.idea)
    checked = _reason(reason)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not comment.hidden:
        raise ValidationError({"comment": _("This comment is not hidden.")})
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_reason"])
    _log(actor, comment.idea, ModerationAction.UNHIDE, checked, comment=comment)
    return comment


@transaction.atomic
def idea_merge(*, actor: Any, idea: Idea, into: Idea, reason: Any) -> Idea:
    """Mark an idea a duplicate of another of the same initiative: it points at the kept
    idea, and its supporters support that one (once each; never its own author)."""
    gate.require(actor, "ideas.moderate", idea)
    checked = _reason(reason)
    # lock both in id order, so two merges at once cannot deadlock
    locked = {i.pk: i for i in Idea.objects.select_for_update().filter(pk__in=[idea.pk, into.pk])}
    idea, into = locked[idea.pk], locked.get(into.pk, into)
    if into.initiative_id != idea.initiative_id or into.pk == idea.pk:
        raise ValidationError({"into": _("Choose another idea of this initiative to keep.")})
    if IdeaStatus.MERGED in (idea.status, into.status):
        raise ValidationError({"into": _("A merged idea cannot be merged again, or merged into.")})
    carried = (
        Support.objects.filter(idea=idea)
        .exclude(person_id=into.author_id)
        .exclude(person__in=Support.objects.filter(idea=into).values("person"))
    )
    Support.objects.bulk_create(
        [Support(idea=into, person_id=s.person_id) for s in carried], ignore_conflicts=True
    )
    idea.status, idea.merged_into = IdeaStatus.MERGED, into
    idea.save(update_fields=["status", "merged_into"])
    _log(actor, idea, ModerationAction.MERGE, checked, merged_into=into)
    return idea


def _process(idea: Idea, process: Any) -> Process | None:
    if process is None or process == "":
        return None
    pk = process.pk if isinstance(process, Process) else process
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
        raise ValidationError({"process": _("Choose a PB process of this initiative.")})
    found = Process.objects.filter(initiative_id=idea.initiative_id, pk=pk).first()
    if found is None:
        raise ValidationError({"process": _("Choose a PB process of this initiative.")})
    return found


def _budget(idea: Idea, process: Process | None, budget: Any) -> Budget:
    """The budget an idea goes into: the one named (of a process of the idea's initiative,
    and of ``process`` if that is named too), or a named process's only budget."""
    if budget is None or budget == "":
        if process is None:
            raise ValidationError({"budget": _("Choose the PB budget the idea goes into.")})
        budgets = list(process.budgets.all()[:2])
        if len(budgets) != 1:
            raise ValidationError({"budget": _("Choose the budget the idea goes into.")})
        return budgets[0]
    pk = budget.pk if isinstance(budget, Budget) else budget
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
        raise ValidationError({"budget": _("Choose a budget of this initiative's PB process.")})
    found = (
        Budget.objects.filter(process__initiative_id=idea.initiative_id, pk=pk)
        .select_related("process")
        .first()
    )
    if found is None or (process is not None and found.process_id != process.pk):
        raise ValidationError({"budget": _("Choose a budget of this initiative's PB process.")})
    return found


def _proposal_from(actor: Any, idea: Idea, budget: Budget, cost: Any) -> Proposal:
    """The idea made a proposal of ``budget`` through budgeting's own service (so its
    permission, phase and cost checks apply): the idea's title and text, credited to the
    idea in its description; the coordinator who answers is the proposal's author."""
    process = budget.process
    if process.phase != Phase.PROPOSALS:
        raise ValidationError(
            {
                "budget": _(
                    "The PB process “%(process)s” is not taking proposals (it is in "
                    "its %(phase)s phase). Choose a process open for proposals, or open this "
                    "one for proposals on its management page first."
                )
                % {"process": process.title, "phase": str(Phase(process.phase).label).lower()}
            }
        )
    if isinstance(cost, str) and cost.strip().isdigit():
        cost = int(cost.strip())
    if cost is None or cost == "":
        raise ValidationError(
            {"estimated_cost": _("Give the estimated cost of the idea as a proposal.")}
        )
    if isinstance(cost, bool) or not isinstance(cost, int) or not 0 < cost <= budget.amount:
        raise ValidationError(
            {
                "estimated_cost": _(
                    "The cost must be more than nothing and within the budget (%(amount)s)."
                )
                % {"amount": money(budget.amount, process.currency)}
            }
        )
    credit = _("From the idea “%(title)s” (idea #%(number)s).") % {
        "title": idea.title,
        "number": idea.pk,
    }
    return budgeting.proposal_submit(
        actor=actor,
        budget=budget,
        title=idea.title[:200],
        description=f"{idea.text}\n\n{credit}"[:4000] if idea.text else credit,
        estimated_cost=cost,
        category=str(Category(idea.category).label)[:80],
    )


def _not_yet_proposed(idea: Idea) -> None:
    """An idea becomes a proposal once: answering it "into a PB process" again would
    put it to the vote twice."""
    earlier = idea.answers.filter(proposal__isnull=False).select_related("proposal").first()
    if earlier is not None and earlier.proposal is not None:
        raise ValidationError(
            {
                "budget": _(
                    "This idea is already the proposal “%(title)s”; open that "
                    "proposal to change it rather than proposing the idea twice."
                )
                % {"title": earlier.proposal.title}
            }
        )


@transaction.atomic
def idea_answer(
    *,
    actor: Any,
    idea: Idea,
    status: Any,
    reason: Any = "",
    process: Any = None,
    budget: Any = None,
    estimated_cost: Any = None,
) -> Answer:
    """A coordinator answers an idea. The answer is a decision of the record: initiated by
    the idea's author (or their side, if they have left), taken by the coordinator alone on
    the initiative's behalf; "not taken forward" rules the idea out (an exclusion) and needs
    a reason; "into a PB process" names a budget of a process of the same initiative (or a
    process with one budget) and the estimated cost in pence, and makes the idea a proposal
    of that budget, linked to the answer, while the process takes proposals."""
    gate.require(actor, "ideas.answer", idea)
    idea = _locked_idea(idea)
    _open(idea)
    if status not in ANSWERS:
        raise ValidationError({"status": _("Choose one of the answers.")})
    checked = checked_text("reason", reason, REASON_MAX)
    if status == IdeaStatus.NOT_TAKEN_FORWARD and not checked:
        raise ValidationError({"reason": _("Say why the idea is not taken forward.")})
    chosen = _process(idea, process)
    proposal = None
    if status == IdeaStatus.INTO_PB:
        if idea.hidden:
            raise ValidationError(
                {"status": _("A hidden idea is not put to a vote: show it again first.")}
            )
        _not_yet_proposed(idea)
        into = _budget(idea, chosen, budget)
        chosen = into.process
        proposal = _proposal_from(actor, idea, into, estimated_cost)
    else:
        chosen = None
    answer = Answer.objects.create(
        idea=idea,
        status=status,
        reason=checked,
        process=chosen,
        proposal=proposal,
        answered_by=actor,
    )
    idea.status = status
    idea.save(update_fields=["status"])
    author = standing(idea.author, idea.initiative)
    decider = standing(actor, idea.initiative)
    side = decider.side if decider.active else SIDE_OF_STAFF
    label = IdeaStatus(status).label
    do_record_decision(
        source=answer,
        recorded_by=actor,
        initiative=idea.initiative,
        stage=idea.stage,
        title=f"Idea #{idea.pk}: {label.lower()}",
        outcome=checked[:4000],
        initiated_by=idea.author if author.active else None,
        initiated_by_side=idea.author_side if idea.author_side in Side.values else Side.CITIZEN,
        decided_by=DECIDING_BODY_OF_SIDE[side],
        rule=DecisionRule.DELEGATED,
        decided_on=timezone.localdate(),
        kind=(
            DecisionKind.EXCLUSION
            if status == IdeaStatus.NOT_TAKEN_FORWARD
            else DecisionKind.DECISION
        ),
        participants=[Participant(actor, Position.PRESENT, side=side)],
    )
    notify(
        recipients=[idea.author_id],
        kind=Kind.REPLY,
        message="idea_answer",
        params={"title": idea.title},
        link=reverse("ideas:detail", args=[idea.initiative.slug, idea.pk]),
    )
    return answer
