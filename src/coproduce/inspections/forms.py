"""Forms for inspections and appraisals; the services check what they take."""

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.forms import IdChoiceField, IdsChoiceField
from coproduce.core.people import PersonField
from coproduce.inspections.models import Purpose, Question, QuestionKind, Severity
from coproduce.inspections.services import MAX_VISIT_MINUTES, question_field

DATE = forms.DateInput(attrs={"type": "date"})
YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
RATINGS = [(str(n), str(n)) for n in range(1, 6)]


class ChecklistForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Purpose"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    involves_vulnerable_people = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Visits involve vulnerable people (inspectors need an enhanced background check)"
        ),
    )


class QuestionForm(forms.Form):
    theme = forms.CharField(
        label=gettext_lazy("Theme"),
        max_length=120,
        help_text=gettext_lazy("The section it belongs to."),
    )
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    guidance = forms.CharField(
        label=gettext_lazy("Guidance"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy("What to look for, for the person answering."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Answer"), choices=QuestionKind.choices)
    required = forms.BooleanField(
        required=False, initial=True, label=gettext_lazy("An answer is required")
    )


class InspectorForm(forms.Form):
    person = PersonField(label=gettext_lazy("Member"))
    training = forms.CharField(label=gettext_lazy("Training completed"), max_length=300)
    trained_on = forms.DateField(label=gettext_lazy("Trained on"), widget=DATE)


class VisitForm(forms.Form):
    checklist: forms.ModelChoiceField[Any] = IdChoiceField(
        queryset=None,
        label=gettext_lazy("Checklist"),
    )
    place = forms.CharField(label=gettext_lazy("Place or service visited"), max_length=200)
    visit_on = forms.DateField(label=gettext_lazy("Day of the visit"), widget=DATE)
    provider: forms.ModelChoiceField[Any] = IdChoiceField(
        queryset=None,
        label=gettext_lazy("Provider (the professional who answers the recommendations)"),
    )
    inspectors: forms.ModelMultipleChoiceField[Any] = IdsChoiceField(
        queryset=None,
        label=gettext_lazy("Inspectors"),
        widget=forms.CheckboxSelectMultiple,
    )
    follows: forms.ModelChoiceField[Any] = IdChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Follow-up of (optional): checks the actions accepted after that visit"),
    )

    def __init__(
        self, *args: Any, checklists: Any, providers: Any, inspectors: Any, visits: Any, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        for name, queryset in (
            ("checklist", checklists),
            ("provider", providers),
            ("inspectors", inspectors),
            ("follows", visits),
        ):
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]


def answer_field(question: Question) -> forms.Field:
    label = (
        question.text
        if question.required
        else _("%(question)s (optional)") % {"question": question.text}
    )
    # Django renders help_text unescaped: the guidance is text written by a coordinator
    common: dict[str, Any] = {
        "label": label,
        "help_text": escape(question.guidance),
        "required": False,
    }
    if question.kind == QuestionKind.RATING:
        return forms.ChoiceField(
            choices=RATINGS, widget=forms.RadioSelect(attrs={"class": "scale"}), **common
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.CharField(
            max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
        )
    return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)


def shown_value(question: Question, answer: Any) -> str:
    """An answer as its field shows it."""
    if answer is None:
        return ""
    if question.kind == QuestionKind.TEXT:
        return str(answer.text)
    if answer.number is None:
        return ""
    if question.kind == QuestionKind.YES_NO:
        return "yes" if answer.number else "no"
    if question.kind == QuestionKind.RATING:
        return str(int(answer.number))
    return f"{answer.number.normalize():f}"


class AnswersForm(forms.Form):
    """A field for each question, named ``question_<id>``; blank fields are allowed in a
    draft, and the service says which required answer is missing on submitting."""

    def __init__(self, *args: Any, questions: list[Question], answers: dict[int, Any], **kw: Any):
        super().__init__(*args, **kw)
        for question in questions:
            name = question_field(question)
            self.fields[name] = answer_field(question)
            self.initial[name] = shown_value(question, answers.get(question.pk))

    def themed(self, groups: list[tuple[str, list[Question]]]) -> list[tuple[str, list[Any]]]:
        return [
            (theme, [self[question_field(q)] for q in questions]) for theme, questions in groups
        ]


class FindingForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What you found"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    severity = forms.ChoiceField(
        label=gettext_lazy("Severity"), choices=Severity.choices, widget=forms.RadioSelect
    )
    picture = forms.FileField(
        required=False,
        label=gettext_lazy("Evidence picture (optional)"),
        help_text=gettext_lazy(
            "JPEG, PNG or WebP, up to 5 MB; where and when it was taken is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("What the picture shows (with a picture)"),
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Recommendation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubmitForm(forms.Form):
    """Each inspector's time on the visit, in minutes."""

    def __init__(self, *args: Any, team: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for member in team:
            self.fields[f"minutes_{member.person_id}"] = forms.IntegerField(
                label=_("Minutes %(person)s gave") % {"person": member.person},
                min_value=1,
                max_value=MAX_VISIT_MINUTES,
            )

    def minutes(self) -> dict[int, int]:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


class RespondForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[("yes", gettext_lazy("Accept")), ("no", gettext_lazy("Reject"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    action = forms.CharField(
        label=gettext_lazy("Action (if you accept)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due by (if you accept)"), required=False, widget=DATE
    )
    reasons = forms.CharField(
        label=gettext_lazy("Reasons (if you reject)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionCheckForm(forms.Form):
    done = forms.TypedChoiceField(
        label=gettext_lazy("Was it done?"),
        choices=[("yes", gettext_lazy("Done")), ("no", gettext_lazy("Not done"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=1000, required=False)
