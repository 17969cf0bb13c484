"""Draft pages: thin, through the same services, selectors and gate as the API."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.drafts import diff, selectors, services
from coproduce.drafts.export import as_markdown
from coproduce.drafts.forms import (
    AdoptForm,
    AmendmentForm,
    CommentForm,
    DecideForm,
    DraftForm,
    GroupForm,
    SectionFormSet,
    UpdateAmendmentForm,
    VersionForm,
)
from coproduce.drafts.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Draft,
    DraftVersion,
    Section,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import active_people
from coproduce.initiatives.views import visible


def _draft(request: HttpRequest, initiative: Initiative, pk: int) -> Draft:
    return gate.get_object(
        request.user,
        Draft.objects.filter(initiative=initiative).select_related("initiative", "stage"),
        "drafts.view",
        pk=pk,
    )


def _version(draft: Draft, number: int) -> DraftVersion:
    found = selectors.version_numbered(draft, number)
    if found is None:
        raise Http404("Not found.")
    return found


def _bound(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], *forms: Any
) -> HttpResponse:
    failed = any(form is not None and form.is_bound and form.errors for form in forms)
    return render(request, f"drafts/{template}", context, status=400 if failed else 200)


def drafts(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    can_create = gate.allows(request.user, "drafts.create", initiative)
    if request.method == "POST":
        gate.require(request.user, "drafts.create", initiative)
    form = DraftForm(_bound(request))
    if form.is_bound and form.is_valid():
        try:
            draft = services.draft_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft is created; now choose its drafting group."))
            return redirect("drafts:group", slug=slug, pk=draft.pk)
    context = {
        "initiative": initiative,
        "drafts": selectors.drafts_of(initiative),
        "form": form if can_create else None,
    }
    return _page(request, "drafts.html", context, form)


def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    latest = selectors.latest_version(draft)
    sections = selectors.sections_of(latest)
    can_comment = not draft.adopted and bool(sections)
    can_comment = can_comment and gate.allows(request.user, "drafts.comment", draft)
    if request.method == "POST":
        gate.require(request.user, "drafts.comment", draft)
    form = CommentForm(_bound(request), sections=sections)
    if form.is_bound and form.is_valid():
        try:
            services.comment_add(
                actor=request.user,
                draft=draft,
                section_key=form.cleaned_data["section"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"text": "text", "section": "section"})
        else:
            messages.success(request, _("Your comment is added."))
            return redirect(draft)
    comments = selectors.comments_by_section(draft)
    context = {
        "initiative": initiative,
        "draft": draft,
        "version": latest,
        "sections": [(s, comments.get(s.key, [])) for s in sections],
        "group": selectors.group_of(draft),
        "open_amendments": selectors.amendments_of(draft, AmendmentStatus.OPEN),
        "decided_amendments": selectors.amendments_of(draft).exclude(status=AmendmentStatus.OPEN),
        "can_edit": not draft.adopted and gate.allows(request.user, "drafts.edit", draft),
        "can_propose": can_comment and gate.allows(request.user, "drafts.propose", draft),
        "can_set_group": not draft.adopted
        and gate.allows(request.user, "drafts.set_group", initiative),
        "can_adopt": not draft.adopted
        and latest
        and gate.allows(request.user, "drafts.adopt", draft),
        "form": form if can_comment else None,
    }
    return _page(request, "draft.html", context, form)


@login_required
def group(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    gate.require(request.user, "drafts.set_group", initiative)
    initial = {"people": [m.person_id for m in draft.group.all()]}
    form = GroupForm(_bound(request), members=active_people(initiative), initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.drafting_group_set(
                actor=request.user, draft=draft, people=list(form.cleaned_data["people"])
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The drafting group is set."))
            return redirect(draft)
    return _page(
        request, "group.html", {"initiative": initiative, "draft": draft, "form": form}, form
    )


def _section_texts(formset: Any) -> list[services.SectionText]:
    texts = []
    for data in formset.cleaned_data:
        if not data or data.get("remove") or not (data.get("title") or data.get("body")):
            continue
        texts.append(services.SectionText(data["title"], data["body"], data.get("key")))
    return texts


@login_required
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    gate.require(request.user, "drafts.edit", draft)
    latest = selectors.latest_version(draft)
    sections = selectors.sections_of(latest)
    initial = [{"key": s.key, "title": s.title, "body": s.body} for s in sections]
    extra = 1 if sections else 2
    formset = SectionFormSet(_bound(request), initial=initial, prefix="sections", form_kwargs={})
    formset.extra = extra
    form = VersionForm(_bound(request), initial={"based_on": latest.number if latest else 0})
    if form.is_bound and form.is_valid() & formset.is_valid():
        try:
            services.version_save(
                actor=request.user,
                draft=draft,
                sections=_section_texts(formset),
                reason=form.cleaned_data["reason"],
                based_on=form.cleaned_data["based_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"based_on": "__all__"})
        else:
            messages.success(request, _("The new version is saved."))
            return redirect(draft)
    context = {"initiative": initiative, "draft": draft, "form": form, "formset": formset}
    failed = form.is_bound and (form.errors or formset.total_error_count())
    return render(request, "drafts/edit.html", context, status=400 if failed else 200)


def versions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    context = {"initiative": initiative, "draft": draft, "versions": selectors.versions_of(draft)}
    return render(request, "drafts/versions.html", context)


def _version_page(template: str) -> Any:
    """A page showing one version whole: at its stable address, or ready to print."""

    def view(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
        initiative = visible(request, slug)
        draft = _draft(request, initiative, pk)
        found = _version(draft, number)
        context = {
            "initiative": initiative,
            "draft": draft,
            "version": found,
            "sections": selectors.sections_of(found),
            "adopted": draft.adopted_version_id == found.pk,
        }
        return render(request, f"drafts/{template}", context)

    return view


version = _version_page("version.html")
print_version = _version_page("print.html")


def markdown(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    found = _version(draft, number)
    response = HttpResponse(as_markdown(draft, found), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="draft-{draft.pk}-v{found.number}.md"'
    return response


def _number(value: str | None, default: int) -> int | None:
    if value is None or value == "":
        return default
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def compare(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Two versions side by side, section by section (``?from=1&to=2``; the latest two
    by default)."""
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    latest = selectors.latest_version(draft)
    top = latest.number if latest else 0
    older = _number(request.GET.get("from"), max(top - 1, 1))
    newer = _number(request.GET.get("to"), top)
    numbers = list(range(1, top + 1))
    context: dict[str, Any] = {"initiative": initiative, "draft": draft, "numbers": numbers}
    if older in numbers and newer in numbers:
        assert older is not None and newer is not None
        changes = diff.compare(
            selectors.sections_of(_version(draft, older)),
            selectors.sections_of(_version(draft, newer)),
        )
        context |= {
            "older": older,
            "newer": newer,
            "changes": changes,
            "counts": diff.counts(changes),
        }
        return render(request, "drafts/compare.html", context)
    context["error"] = (
        _("Choose two versions between 1 and %(top)s.") % {"top": top}
        if top
        else _("There is no text yet.")
    )
    return render(request, "drafts/compare.html", context, status=400 if top else 200)


@login_required
def propose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    gate.require(request.user, "drafts.propose", draft)
    sections = selectors.sections_of(selectors.latest_version(draft))
    form = AmendmentForm(_bound(request), sections=sections)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            amendment = services.amendment_propose(
                actor=request.user,
                draft=draft,
                kind=data["kind"],
                section_key=data["section"],
                title=data["title"],
                body=data["body"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your amendment is proposed."))
            return redirect(amendment)
    return _page(
        request, "propose.html", {"initiative": initiative, "draft": draft, "form": form}, form
    )


def _amendment_change(amendment: Amendment) -> list[diff.SectionChange]:
    """What the amendment would do to the section it names, as it read when proposed."""
    was = [
        s for s in selectors.sections_of(amendment.base_version) if s.key == amendment.section_key
    ]
    if amendment.kind == AmendmentKind.DELETE:
        return diff.compare(was, [])
    proposed = Section(
        key=amendment.section_key or 0, position=1, title=amendment.title, body=amendment.body
    )
    return diff.compare(was, [proposed])


def amendment(request: HttpRequest, slug: str, pk: int, amendment: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    found = gate.get_object(
        request.user,
        selectors.amendments_of(draft),
        "drafts.view",
        pk=amendment,
    )
    decide_form = DecideForm(request.POST if "decide" in request.POST else None)
    update_form = UpdateAmendmentForm(
        request.POST if "update" in request.POST else None,
        initial={"title": found.title, "body": found.body},
    )
    if request.method == "POST":
        result = _act_on_amendment(request, found, decide_form, update_form)
        if result is not None:
            return result
    is_open = found.status == AmendmentStatus.OPEN and not draft.adopted
    context = {
        "initiative": initiative,
        "draft": draft,
        "amendment": found,
        "changes": _amendment_change(found),
        "supported": selectors.supports(request.user, found),
        "can_support": is_open and gate.allows(request.user, "drafts.support", found),
        "can_decide": is_open and gate.allows(request.user, "drafts.decide", found),
        "can_update": is_open and gate.allows(request.user, "drafts.update_amendment", found),
        "decide_form": decide_form,
        "update_form": update_form,
    }
    return _page(request, "amendment.html", context, decide_form, update_form)


def _act_on_amendment(
    request: HttpRequest,
    found: Amendment,
    decide_form: DecideForm,
    update_form: UpdateAmendmentForm,
) -> HttpResponse | None:
    """Support, withdraw support, decide or update, as the button pressed says."""
    if "support" in request.POST:
        backing = request.POST["support"] == "1"
        try:
            services.amendment_support(actor=request.user, amendment=found, support=backing)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You support this amendment.") if backing else _("Your support is withdrawn."),
            )
        return redirect(found)
    if decide_form.is_bound:
        gate.require(request.user, "drafts.decide", found)
        if decide_form.is_valid():
            accept = decide_form.cleaned_data["decision"] == "accept"
            try:
                services.amendment_decide(
                    actor=request.user,
                    amendment=found,
                    accept=accept,
                    reason=decide_form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(decide_form, error)
            else:
                messages.success(
                    request,
                    _("The amendment is accepted: a new version is saved.")
                    if accept
                    else _("The amendment is rejected."),
                )
                return redirect(found)
        return None
    gate.require(request.user, "drafts.update_amendment", found)
    if update_form.is_bound and update_form.is_valid():
        try:
            services.amendment_update(
                actor=request.user, amendment=found, **update_form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(update_form, error)
        else:
            messages.success(request, _("Your amendment is updated to the current version."))
            return redirect(found)
    return None


@login_required
def adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    draft = _draft(request, initiative, pk)
    gate.require(request.user, "drafts.adopt", draft)
    numbers = [v.number for v in selectors.versions_of(draft)]
    group_members = list(selectors.group_of(draft))
    form = AdoptForm(
        _bound(request),
        numbers=numbers,
        group=group_members,
        initial={"number": numbers[0] if numbers else None},
    )
    if form.is_bound and form.is_valid():
        try:
            adopted = services.draft_adopt(
                actor=request.user,
                draft=draft,
                number=form.cleaned_data["number"],
                rule=form.cleaned_data["rule"],
                reason=form.cleaned_data["reason"],
                positions=form.positions(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if adopted.adopted:
                messages.success(request, _("The draft is adopted; it is now read-only."))
            else:
                messages.success(request, _("The vote is recorded: the draft was not adopted."))
            return redirect(draft)
    context = {"initiative": initiative, "draft": draft, "form": form, "group": group_members}
    return _page(request, "adopt.html", context, form)
