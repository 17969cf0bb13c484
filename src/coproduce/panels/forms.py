"""Forms of the panels' pages: they parse what people typed; the services check it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coproduce.events.models import Event
from coproduce.initiatives.models import Initiative, Stage
from coproduce.organisations.models import Organisation
from coproduce.panels.models import MAX_PANEL_SIZE, Algorithm, Evidence, Panel, Response

DAY = forms.DateInput(attrs={"type": "date"})
MAX_IMPORT_BYTES = 2_000_000


class PanelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    remit = forms.CharField(
        label=_("Question or remit"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    size = forms.IntegerField(
        label=_("Size (people)"),
        min_value=1,
        max_value=MAX_PANEL_SIZE,
        help_text=_("How many serve."),
    )
    stage: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Stage"), queryset=Stage.objects.none(), empty_label=None
    )
    commissioner = forms.ModelChoiceField(
        label=_("Commissioning organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_("Or name the body below."),
    )
    commissioner_name = forms.CharField(
        label=_("Commissioning body (name)"), max_length=200, required=False
    )
    representative: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Who answers for the commissioning body"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("A member of the initiative; the coordinators can always answer."),
    )
    starts_on = forms.DateField(label=_("First session"), widget=DAY)
    ends_on = forms.DateField(label=_("Last session"), widget=DAY)
    answers_due_on = forms.DateField(
        label=_("Answers due by"), widget=DAY, required=False, help_text=_("The body's deadline.")
    )
    households = forms.BooleanField(
        label=_("Select at most one person per household"), required=False, initial=True
    )
    consent_text = forms.CharField(
        label=_("What people agree to when they join the pool"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage_field = self.fields["stage"]
        assert isinstance(stage_field, forms.ModelChoiceField)
        stage_field.queryset = initiative.stages.all()
        person_field = self.fields["representative"]
        assert isinstance(person_field, forms.ModelChoiceField)
        from django.contrib.auth import get_user_model

        person_field.queryset = (
            get_user_model()
            .objects.filter(memberships__initiative=initiative, memberships__status="active")
            .order_by("display_name", "username")
        )


class FeatureForm(forms.Form):
    name = forms.CharField(label=_("Feature"), max_length=60, help_text=_("For example: Age band."))
    categories = forms.CharField(
        label=_("Categories and quotas"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_(
            "One category a line: name, minimum, maximum, source of the figures. "
            "For example: 16-29, 4, 6, Census 2021 table TS007."
        ),
    )

    def clean_categories(self) -> list[dict[str, Any]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["categories"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",", 3)]
            if len(parts) < 3:
                raise ValidationError(
                    _("Line %(number)s: write name, minimum, maximum.") % {"number": number}
                )
            try:
                low, high = int(parts[1]), int(parts[2])
            except ValueError:
                raise ValidationError(
                    _("Line %(number)s: the minimum and maximum are whole numbers.")
                    % {"number": number}
                ) from None
            rows.append(
                {
                    "name": parts[0],
                    "quota_min": low,
                    "quota_max": high,
                    "source": parts[3] if len(parts) > 3 else "",
                }
            )
        if not rows:
            raise ValidationError(_("Give at least one category."))
        return rows


class RegisterForm(forms.Form):
    """The public form: details, one category of each feature, and consent."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    address = forms.CharField(label=_("Address (first line)"), max_length=300)
    postcode = forms.CharField(label=_("Postcode"), max_length=12)

    def __init__(self, *args: Any, panel: Panel, features: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for feature in features:
            self.fields[f"feature_{feature.pk}"] = forms.ChoiceField(
                label=feature.name,
                choices=[("", _("Choose…"))] + [(c.name, c.name) for c in feature.categories.all()],
            )
        self.fields["consent"] = forms.BooleanField(
            label=panel.consent_text, required=False, help_text=_("Required to join the pool.")
        )
        self.features = list(features)

    def answers(self) -> dict[str, str]:
        return {f.name: self.cleaned_data[f"feature_{f.pk}"] for f in self.features}

    def details(self) -> dict[str, str]:
        return {k: self.cleaned_data[k] for k in ("name", "email", "address", "postcode")}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: reference, name, email, address, postcode and one column per "
            "feature, each cell a category."
        ),
    )
    consent_confirmed = forms.BooleanField(
        label=_("Everyone in the file agreed to the consent text"), required=False
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as UTF-8 text.")) from None


class SelectionForm(forms.Form):
    algorithm = forms.ChoiceField(
        label=_("Algorithm"), choices=Algorithm.choices, initial=Algorithm.MAXIMIN
    )
    seed = forms.IntegerField(
        label=_("Random seed (optional)"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Leave empty for a fresh one; it is recorded either way."),
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Evidence.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title, or the speaker's name"), max_length=200)
    detail = forms.CharField(
        label=_("Text, or the speaker's role"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")


class SessionForm(forms.Form):
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(),
        label=_("Event"),
        help_text=_("One of the initiative's events that is not yet a panel's session."),
        empty_label=_("Choose an event"),
    )

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=100_000)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=100_000)
    votes_abstaining = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=100_000)
    voted_on = forms.DateField(label=_("Voted on"), widget=DAY)


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"), choices=Response.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DAY)
