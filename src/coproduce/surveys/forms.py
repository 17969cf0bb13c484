"""The forms of surveys: a coordinator's survey and question, and the answer form built
from a survey's questions (a ranking is one drop-down per place: "1st", "2nd", …, which
works without script and on a phone). Every check is the service's; the forms parse."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.budgeting.forms import BudgetChoiceField
from coproduce.budgeting.models import Budget
from coproduce.core.templatetags.coproduce import money
from coproduce.equality.vocabulary import CHARACTERISTICS
from coproduce.surveys.models import (
    MAX_OPTIONS,
    AssetKind,
    Audience,
    Purpose,
    Question,
    QuestionKind,
    Survey,
)
from coproduce.surveys.services import TEXT_LIMITS

ORDINALS = {1: _("1st choice"), 2: _("2nd choice"), 3: _("3rd choice")}


def ordinal(n: int) -> str:
    """The label of the n-th place of a ranking: "1st choice", "2nd choice", …"""
    return str(ORDINALS.get(n) or _("%(n)sth choice") % {"n": n})


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=200)
    purpose = forms.ChoiceField(choices=Purpose.choices, widget=forms.RadioSelect)
    audience = forms.ChoiceField(
        choices=Audience.choices, widget=forms.RadioSelect, label=_("Who may answer")
    )
    introduction = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=QuestionKind.choices, label=_("Kind of question"))
    text = forms.CharField(max_length=500, label=_("Question"))
    help_text = forms.CharField(max_length=500, required=False, label=_("Help text (optional)"))
    section = forms.CharField(max_length=200, required=False, label=_("Section heading (optional)"))
    required = forms.BooleanField(required=False, label=_("An answer is required"))
    options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Options, one a line"),
        help_text=_("For single choice, multiple choice and ranking questions."),
    )
    most = forms.IntegerField(
        required=False,
        min_value=1,
        label=_("Most options (optional)"),
        help_text=_("The most a multiple choice takes; for a ranking, how many to put in order."),
    )
    low = forms.IntegerField(required=False, label=_("Lowest (rating or number)"))
    high = forms.IntegerField(required=False, label=_("Highest (rating or number)"))
    characteristic = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *[(k, c.label) for k, c in CHARACTERISTICS.items()]],
        label=_("Equality question"),
    )
    asset_kind = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *AssetKind.choices],
        label=_("What it asks people to offer (assets surveys)"),
    )
    shown_if = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=_("Ask only if this question…")
    )
    shown_if_option = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=_("…was answered with option number")
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choosers = survey.questions.filter(kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE])
        shown_if = self.fields["shown_if"]
        option = self.fields["shown_if_option"]
        assert isinstance(shown_if, forms.ChoiceField) and isinstance(option, forms.ChoiceField)
        shown_if.choices = [("", "— (always asked)"), *[(q.pk, q.text) for q in choosers]]
        option.choices = [("", "—"), *[(i, str(i + 1)) for i in range(MAX_OPTIONS)]]


def _label(question: Question) -> str:
    return question.text + ("" if question.required else " (optional)")


def _field(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": _label(question),
        "required": False,
        "help_text": question.help_text,
    }
    choices = [(o, o) for o in question.options]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.EQUALITY):
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        if question.most:
            common["help_text"] = f"{question.help_text} Choose at most {question.most}.".strip()
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.RATING:
        low, high = question.low or 0, question.high or 5
        scale = [(str(n), str(n)) for n in range(low, high + 1)]
        common["help_text"] = (
            f"{question.help_text} {low} is the lowest, {high} the highest.".strip()
        )
        return forms.ChoiceField(choices=scale, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.CharField(
            max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"}), **common
        )
    limit = TEXT_LIMITS[question.kind]
    widget = (
        forms.Textarea(attrs={"rows": 4})
        if question.kind == QuestionKind.LONG_TEXT
        else forms.TextInput
    )
    return forms.CharField(max_length=limit, widget=widget, **common)


class AnswerForm(forms.Form):
    """One field per question (a ranking: one drop-down per place), the consent box when the
    survey asks equality questions, and the code when it is answered with codes."""

    def __init__(
        self, *args: Any, survey: Survey, questions: list[Question], with_code: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.places: dict[int, list[str]] = {}
        if with_code:
            self.fields["code"] = forms.CharField(
                max_length=40,
                label=_("Your one-time code"),
                help_text=_("As printed, e.g. 3F2A-91BC-07DE."),
            )
        for question in questions:
            if question.kind == QuestionKind.RANKING:
                count = question.most or len(question.options)
                names = []
                for place in range(1, count + 1):
                    name = f"q{question.pk}_{place}"
                    self.fields[name] = forms.ChoiceField(
                        choices=[("", "—"), *[(o, o) for o in question.options]],
                        required=False,
                        label=ordinal(place),
                    )
                    names.append(name)
                self.places[question.pk] = names
            else:
                self.fields[f"q{question.pk}"] = _field(question)
        if any(q.kind == QuestionKind.EQUALITY for q in questions):
            self.fields["consent"] = forms.BooleanField(
                required=False,
                label=_("I consent to my equality answers being kept to count who took part"),
                help_text=_(
                    "They are shown only as totals of 5 people or more, never with your "
                    "other answers. Leave them blank if you prefer."
                ),
            )

    def answers(self) -> dict[str, Any]:
        """The answers as the service takes them: a ranking as its options in order."""
        data = self.cleaned_data
        found: dict[str, Any] = {}
        for question in self.questions:
            key = f"q{question.pk}"
            if question.pk in self.places:
                found[key] = [data[name] for name in self.places[question.pk] if data.get(name)]
            else:
                found[key] = data.get(key)
        return found

    def error_fields(self) -> dict[str, str]:
        """Where a service's error about a ranking shows: on its first place."""
        return {f"q{pk}": names[0] for pk, names in self.places.items()}

    def sections(self) -> list[dict[str, Any]]:
        """The questions grouped under their section headings, each with its fields."""
        grouped: list[dict[str, Any]] = []
        for question in self.questions:
            if not grouped or (question.section and grouped[-1]["title"] != question.section):
                grouped.append({"title": question.section, "items": []})
            names = self.places.get(question.pk, [f"q{question.pk}"])
            condition = question.shown_if
            grouped[-1]["items"].append(
                {
                    "question": question,
                    "fields": [self[name] for name in names],
                    # the earlier answer that asks it: the browser hides it until given
                    "shown_if_fields": " ".join(self.places.get(condition.pk, [f"q{condition.pk}"]))
                    if condition
                    else "",
                    "shown_if_label": condition.options[question.shown_if_option or 0]
                    if condition
                    else "",
                }
            )
        return grouped


class CodesForm(forms.Form):
    count = forms.IntegerField(min_value=1, max_value=10_000, label=_("How many codes"))


class AdoptForm(forms.Form):
    question = forms.TypedChoiceField(coerce=int, label=_("Question"))
    options = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, label=_("Options to make goals")
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choosers = list(
            survey.questions.filter(
                kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING]
            )
        )
        self.fields["question"].choices = [(q.pk, q.text) for q in choosers]  # type: ignore[attr-defined]
        labels = sorted({o for q in choosers for o in q.options})
        self.fields["options"].choices = [(o, o) for o in labels]  # type: ignore[attr-defined]


class AdoptProposalsForm(forms.Form):
    """Options of one question to put to a PB budget as proposals: a tick and an estimated
    cost (in the process's currency, to the penny) for each, in the results' order, the top
    ``top`` ticked to begin with."""

    budget = BudgetChoiceField(
        queryset=Budget.objects.none(),
        empty_label=None,
        label=_("The budget they go to"),
    )

    def __init__(
        self,
        *args: Any,
        question: Question,
        order: list[str],
        budgets: QuerySet[Budget],
        top: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = budgets
        self.question = question
        self.rows: list[tuple[str, str, str]] = []  # (option, tick field, cost field)
        for place, label in enumerate(order):
            index = question.options.index(label)
            tick, cost = f"adopt_{index}", f"cost_{index}"
            self.fields[tick] = forms.BooleanField(
                required=False,
                initial=place < top,
                label=_("%(place)s. %(option)s") % {"place": place + 1, "option": label},
            )
            self.fields[cost] = forms.DecimalField(
                required=False,
                min_value=Decimal("0.01"),
                max_digits=12,
                decimal_places=2,
                label=_("Estimated cost of “%(option)s”") % {"option": label},
            )
            self.rows.append((label, tick, cost))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        budget = data.get("budget")
        costs: dict[str, int] = {}
        for label, tick, cost in self.rows:
            if not data.get(tick):
                continue
            amount = data.get(cost)
            if amount is None:
                if cost not in self.errors:
                    self.add_error(
                        cost,
                        _("Give the estimated cost of “%(option)s”.") % {"option": label},
                    )
                continue
            pence = int(amount * 100)
            if budget is not None and pence > budget.amount:
                self.add_error(
                    cost,
                    _("The cost must be within the budget (%(amount)s).")
                    % {"amount": money(budget.amount, budget.process.currency)},
                )
                continue
            costs[label] = pence
        if not any(data.get(tick) for _label, tick, _cost in self.rows):
            raise forms.ValidationError(_("Tick at least one option to adopt."))
        data["costs"] = costs
        return data
