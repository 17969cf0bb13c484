"""Forms for ideas: posting one, commenting, the list's filters, and the coordinators'
moderation and answers. They only parse; the services decide."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.budgeting.forms import BudgetChoiceField, ProposalFieldsForm
from coproduce.budgeting.models import Budget
from coproduce.events.models import Event
from coproduce.ideas.models import (
    ANSWERS,
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    Idea,
    IdeaStatus,
)
from coproduce.ideas.selectors import SORTS


class IdeaForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, label=_("Title"))
    text = forms.CharField(
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("Your idea"),
        help_text=_("What would you change or start, and why?"),
    )
    category = forms.ChoiceField(choices=Category.choices, label=_("Category"))
    # the picture fields of a PB proposal: the same limits, words and cleaning
    image = ProposalFieldsForm.base_fields["image"]
    image_alt = ProposalFieldsForm.base_fields["image_alt"]
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(),
        required=False,
        label=_("From a workshop or event (optional)"),
        empty_label=_("Not from an event"),
    )

    def __init__(self, *args: Any, events: QuerySet[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = events


class CommentForm(forms.Form):
    text = forms.CharField(
        max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}), label=_("Your comment")
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *IdeaStatus.choices], required=False, label=_("Status")
    )
    category = forms.ChoiceField(
        choices=[("", _("Any category")), *Category.choices], required=False, label=_("Category")
    )
    sort = forms.ChoiceField(
        choices=[("newest", _("Newest first")), ("supported", _("Most supported first"))],
        required=False,
        label=_("Sort"),
    )

    def choices(self) -> dict[str, Any]:
        """The filters asked for, or none when the query string is not valid."""
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or "newest"
        return {
            "status": data.get("status") or None,
            "category": data.get("category") or None,
            "sort": sort if sort in SORTS else "newest",
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Reason"),
        help_text=_("Published in the moderation log and in place of what is hidden."),
    )


class IdeaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} (#{obj.pk})"


class MergeForm(ReasonForm):
    into = IdeaChoiceField(
        queryset=Idea.objects.none(), label=_("Keep this idea"), empty_label=None
    )
    field_order = ["into", "reason"]

    def __init__(self, *args: Any, targets: QuerySet[Idea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = targets


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in ANSWERS],
        widget=forms.RadioSelect,
        label=_("Answer"),
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Reason"),
        help_text=_('Published with the answer; needed for "Not taken forward".'),
    )
    budget = BudgetChoiceField(
        queryset=Budget.objects.none(),
        required=False,
        label=_("PB process and budget"),
        help_text=_(
            "For “Into a participatory budgeting process”: the budget the idea becomes "
            "a proposal of. The process must be taking proposals."
        ),
    )
    estimated_cost = forms.DecimalField(
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        label=_("Estimated cost, in the process's currency"),
        help_text=_("For a PB proposal: your best guess; the review will check it."),
    )

    def __init__(self, *args: Any, budgets: QuerySet[Budget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = budgets

    def clean_estimated_cost(self) -> int | None:
        """The cost in pence (hundredths), as the services take it."""
        cost = self.cleaned_data.get("estimated_cost")
        return None if cost is None else int(cost * 100)
