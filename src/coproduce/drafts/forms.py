"""Forms for drafts: they parse what people typed and hand it to the services."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import IdsChoiceField
from coproduce.core.vocabulary import Position
from coproduce.drafts.models import (
    BODY_MAX,
    COMMENT_MAX,
    REASON_MAX,
    TITLE_MAX,
    AdoptionRule,
    AmendmentKind,
)

REASON_HELP = _("A short reason, kept with the version for everyone to read.")


def markdown_field(label: Any, help_text: Any = "") -> forms.CharField:
    """A section's text, in Markdown; empty is allowed here (the service says when not)."""
    return forms.CharField(
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        label=label,
        help_text=help_text,
    )


class DraftForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, label=_("Title of the draft"))
    purpose = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("What it is for (optional)"),
    )


class GroupForm(forms.Form):
    people: forms.ModelMultipleChoiceField = IdsChoiceField(
        queryset=get_user_model().objects.none(),  # set per initiative
        widget=forms.CheckboxSelectMultiple,
        label=_("Members of the drafting group"),
        help_text=_("At least one citizen and one professional. Only they edit the text."),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members


class SectionForm(forms.Form):
    key = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(required=False, max_length=TITLE_MAX, label=_("Section title"))
    body = markdown_field(
        _("Text (Markdown)"),
        _("Markdown: a blank line between paragraphs, * for a list, **bold**."),
    )
    remove = forms.BooleanField(required=False, label=_("Remove this section"))


SectionFormSet = forms.formset_factory(SectionForm, extra=1, max_num=50, absolute_max=60)


class VersionForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        max_length=REASON_MAX, label=_("Why this change"), help_text=REASON_HELP
    )


class CommentForm(forms.Form):
    section = forms.TypedChoiceField(coerce=int, label=_("Section"))
    text = forms.CharField(
        max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}), label=_("Your comment")
    )

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["section"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(s.key, s.title) for s in sections]


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        choices=AmendmentKind.choices, widget=forms.RadioSelect, label=_("What you propose")
    )
    section = forms.TypedChoiceField(
        coerce=int,
        required=False,
        label=_("Section to replace or delete"),
        help_text=_("Leave as it is when adding a section."),
    )
    title = forms.CharField(
        required=False,
        max_length=TITLE_MAX,
        label=_("Section title"),
        help_text=_("For a new section; for a replaced one, leave empty to keep its title."),
    )
    body = markdown_field(_("Proposed text (Markdown)"), _("Not needed to delete a section."))
    reason = forms.CharField(max_length=REASON_MAX, label=_("Why you propose it"))

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["section"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("None (adding a section)")), *((s.key, s.title) for s in sections)]
        field.empty_value = None


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        label=_("The drafting group's decision"),
    )
    reason = forms.CharField(max_length=REASON_MAX, label=_("Reasons for the decision"))


class UpdateAmendmentForm(forms.Form):
    title = forms.CharField(required=False, max_length=TITLE_MAX, label=_("Section title"))
    body = markdown_field(_("Updated text (Markdown)"))
    reason = forms.CharField(max_length=REASON_MAX, label=_("Why you propose it now"))


ADOPT_POSITIONS = [
    (Position.FOR, _("For")),
    (Position.AGAINST, _("Against")),
    (Position.ABSTAINED, _("Abstained")),
]


class AdoptForm(forms.Form):
    number = forms.TypedChoiceField(coerce=int, label=_("Version to adopt"))
    rule = forms.ChoiceField(
        choices=AdoptionRule.choices,
        widget=forms.RadioSelect,
        label=_("How the group decided"),
    )
    reason = forms.CharField(max_length=REASON_MAX, label=_("Reasons for adopting it"))

    def __init__(self, *args: Any, numbers: list[int], group: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["number"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(n, _("Version %(number)s") % {"number": n}) for n in numbers]
        self.group = group
        for member in group:
            self.fields[f"position_{member.person_id}"] = forms.ChoiceField(
                choices=ADOPT_POSITIONS,
                required=False,
                label=_("%(person)s's vote (for a vote)") % {"person": member.person},
            )

    def positions(self) -> dict[Any, str]:
        """Each group member's position, as given (for a vote)."""
        return {
            member.person: self.cleaned_data[f"position_{member.person_id}"]
            for member in self.group
            if self.cleaned_data.get(f"position_{member.person_id}")
        }
