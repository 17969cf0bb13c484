"""The journey map's forms: a map, a stage, a note (its stage, kind, feeling and text), a
stage's place, a note's removal and a pain point's status."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import IdsChoiceField
from coproduce.ideas.forms import IdeaForm
from coproduce.journeymaps.models import (
    DESCRIPTION_MAX,
    FEELINGS,
    NOTE_MAX,
    STAGE_NAME_MAX,
    TITLE_MAX,
    JourneyStage,
    NoteKind,
    PainPointStatus,
)

NO_FEELING = ("", _("None: the note is not about feelings"))
FEELING_CHOICES = [NO_FEELING] + [
    (value, format_lazy("{}: {}", f"{value:+d}".replace("+0", "0"), words))
    for value, words in FEELINGS.items()
]


class JourneyMapForm(forms.Form):
    """A map's title, description and editors (active members who manage its stages)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_('The service, e.g. "Getting a repair done".'),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Whose journey it is, where it starts and where it ends."),
    )
    editors: forms.ModelMultipleChoiceField = IdsChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Editors"),
        help_text=_("Members who add, rename and reorder the stages, beside the coordinators."),
    )

    def __init__(self, *args: Any, members: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["editors"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members


class StageForm(forms.Form):
    name = forms.CharField(label=_("Stage name"), max_length=STAGE_NAME_MAX)


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=10_000)


class NoteForm(forms.Form):
    stage = forms.TypedChoiceField(coerce=int, label=_("Stage of the journey"))
    kind = forms.ChoiceField(
        choices=NoteKind.choices, widget=forms.RadioSelect, label=_("What kind of note")
    )
    feeling = forms.TypedChoiceField(
        choices=FEELING_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        initial="",
        label=_("How the person feels"),
        help_text=_("For a note on how the person feels: from -2 (very bad) to +2 (very good)."),
    )
    text = forms.CharField(
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Your note"),
        help_text=_("Shown with your side of the initiative; your name is shown to members only."),
    )

    def __init__(self, *args: Any, stages: list[JourneyStage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(s.pk, f"{s.position}. {s.name}") for s in stages]


class RemoveForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        label=_("Why it is removed"),
        help_text=_("Needed when you remove someone else's note; kept in the record."),
    )


class PainPointForm(forms.Form):
    status = forms.ChoiceField(
        choices=PainPointStatus.choices, label=_("Status of this pain point")
    )


class NoteIdeaForm(forms.Form):
    """An idea from a note: the ideas form's title, text and category, prefilled."""

    title = IdeaForm.base_fields["title"]
    text = IdeaForm.base_fields["text"]
    category = IdeaForm.base_fields["category"]
