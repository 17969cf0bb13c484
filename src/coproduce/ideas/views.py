"""Ideas pages: the list with its filters, an idea with its comments and support button,
the post form, the coordinators' moderation and answer forms, and the public moderation
log. Each parses, calls a service or a selector, and renders."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.views import one_button_action, saved_form
from coproduce.ideas import selectors, services
from coproduce.ideas.forms import (
    AnswerForm,
    CommentForm,
    FilterForm,
    IdeaForm,
    MergeForm,
    ReasonForm,
)
from coproduce.ideas.models import TEXT_MAX, TITLE_MAX, Comment, Idea, IdeaStatus
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.views import visible


def _idea(request: HttpRequest, initiative: Initiative, pk: int, perm: str = "ideas.view") -> Idea:
    found = selectors.idea_with_count(initiative, pk)
    return gate.found(request.user, found, perm)


def _idea_url(idea: Idea, slug: str) -> str:
    return reverse("ideas:detail", args=[slug, idea.pk])


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], form: Any
) -> HttpResponse:
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def idea_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    filters = FilterForm(request.GET)
    chosen = filters.choices()
    reveal = selectors.may_see_hidden(request.user, initiative)
    page = Paginator(selectors.ideas_of(initiative, **chosen), 20).get_page(request.GET.get("page"))
    context = {
        "initiative": initiative,
        "filters": filters,
        "page": page,
        "ideas": [selectors.shown_idea(idea, reveal) for idea in page],
        "can_post": gate.allows(request.user, "ideas.post", initiative),
    }
    return render(request, "ideas/list.html", context)


@login_required
def idea_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "ideas.post", initiative)
    events = selectors.events_ideas_come_from(initiative)
    form = IdeaForm(
        request.POST or None,
        request.FILES or None,
        events=events,
        # a pain point on a journey map, or an event, can start an idea: what the form is given
        initial={
            "event": request.GET.get("event"),
            "title": request.GET.get("title", "")[:TITLE_MAX],
            "text": request.GET.get("text", "")[:TEXT_MAX],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_post(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your idea is posted."))
            return redirect(_idea_url(idea, slug))
    return _form_page(request, "ideas/new.html", {"initiative": initiative}, form)


def _detail(
    request: HttpRequest, initiative: Initiative, idea: Idea, form: CommentForm
) -> HttpResponse:
    user = request.user
    reveal = selectors.may_see_hidden(user, initiative)
    context = {
        "initiative": initiative,
        "shown": selectors.shown_idea(idea, reveal),
        "idea": idea,
        "comments": selectors.comments_shown(idea, reveal),
        "answers": selectors.answers_of(idea),
        "supports": selectors.supports(user, idea),
        "can_support": gate.allows(user, "ideas.support", idea),
        "can_comment": gate.allows(user, "ideas.comment", idea),
        "can_moderate": gate.allows(user, "ideas.moderate", idea),
        "can_answer": gate.allows(user, "ideas.answer", idea),
        "is_author": user.is_authenticated and idea.author_id == user.pk,
        "form": form,
    }
    return render(request, "ideas/detail.html", context, status=400 if form.errors else 200)


def idea_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The idea; a POST here is a comment on it."""
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk)
    if request.method == "POST":
        gate.require(request.user, "ideas.comment", idea)
    form = CommentForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.idea_comment(actor=request.user, idea=idea, **data)

    done = saved_form(request, form, save, "Your comment is posted.", _idea_url(idea, slug))
    return done or _detail(request, initiative, idea, form)


def idea_picture(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An idea's picture, to whoever may see it (never served directly; a hidden idea's
    only to the coordinators)."""
    initiative = visible(request, slug)
    shown = selectors.shown_idea(
        _idea(request, initiative, pk), selectors.may_see_hidden(request.user, initiative)
    )
    if shown.picture is None:
        raise Http404("This idea has no picture.")
    kind = "image/png" if shown.picture.name.endswith(".png") else "image/jpeg"
    response = FileResponse(shown.picture.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def idea_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk)
    gate.require(request.user, "ideas.support", idea)
    url = _idea_url(idea, slug)
    return one_button_action(
        request,
        lambda: services.idea_support(actor=request.user, idea=idea),
        _("You support this idea."),
        back_under=url,
        fallback=url,
    )


@login_required
@require_POST
def idea_unsupport(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk)
    url = _idea_url(idea, slug)
    return one_button_action(
        request,
        lambda: services.idea_unsupport(actor=request.user, idea=idea),
        _("You no longer support this idea."),
        back_under=url,
        fallback=url,
    )


def idea_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Hide an idea with a public reason, or show it again."""
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk, "ideas.moderate")
    service = services.idea_unhide if idea.hidden else services.idea_hide
    form = ReasonForm(request.POST or None)
    done = saved_form(
        request,
        form,
        lambda data: service(actor=request.user, idea=idea, **data),
        _("The idea is shown again.") if idea.hidden else _("The idea is hidden."),
        _idea_url(idea, slug),
    )
    context = {"initiative": initiative, "idea": idea, "item": "idea", "hidden": idea.hidden}
    return done or _form_page(request, "ideas/moderate.html", context, form)


def comment_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    comment = gate.get_object(
        request.user,
        Comment.objects.filter(idea__initiative=initiative).select_related("idea"),
        "ideas.moderate",
        pk=pk,
    )
    service = services.comment_unhide if comment.hidden else services.comment_hide
    form = ReasonForm(request.POST or None)
    done = saved_form(
        request,
        form,
        lambda data: service(actor=request.user, comment=comment, **data),
        _("The comment is shown again.") if comment.hidden else _("The comment is hidden."),
        _idea_url(comment.idea, slug),
    )
    context = {
        "initiative": initiative,
        "idea": comment.idea,
        "comment": comment,
        "item": "comment",
        "hidden": comment.hidden,
    }
    return done or _form_page(request, "ideas/moderate.html", context, form)


def idea_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk, "ideas.moderate")
    form = MergeForm(request.POST or None, targets=selectors.merge_targets(idea))
    done = saved_form(
        request,
        form,
        lambda data: services.idea_merge(actor=request.user, idea=idea, **data),
        _("The idea is merged; its supporters now support the idea kept."),
        _idea_url(idea, slug),
    )
    return done or _form_page(
        request, "ideas/merge.html", {"initiative": initiative, "idea": idea}, form
    )


def idea_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    idea = _idea(request, initiative, pk, "ideas.answer")
    if idea.status == IdeaStatus.MERGED:
        raise Http404("A merged idea is answered through the idea kept.")
    form = AnswerForm(request.POST or None, budgets=selectors.pb_budgets(initiative))
    done = saved_form(
        request,
        form,
        lambda data: services.idea_answer(actor=request.user, idea=idea, **data),
        _("Your answer is published and recorded as a decision."),
        _idea_url(idea, slug),
    )
    return done or _form_page(
        request, "ideas/answer.html", {"initiative": initiative, "idea": idea}, form
    )


def moderation_log(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    reveal = selectors.may_see_hidden(request.user, initiative)
    entries = Paginator(selectors.moderation_log(initiative), 50).get_page(request.GET.get("page"))
    rows = [(entry, selectors.shown_idea(entry.idea, reveal)) for entry in entries]
    context = {"initiative": initiative, "page": entries, "rows": rows}
    return render(request, "ideas/log.html", context)
