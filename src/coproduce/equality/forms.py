from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.equality.vocabulary import CHARACTERISTICS, Characteristic


class ProfileForm(forms.Form):
    """The six questions, each optional and each with "Prefer not to say", and the consent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, found in CHARACTERISTICS.items():
            self.fields[key] = forms.ChoiceField(
                label=found.question,
                help_text=found.help_text,
                choices=found.choices.choices,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "I agree that Coproduce keeps these answers to count who takes part, as "
                "this page explains. I can change them or erase them at any time."
            ),
            error_messages={"required": _("Tick the box to agree, or leave this page.")},
        )


class BaselineForm(forms.Form):
    """One question's baseline: a percentage for each answer, the source and its year."""

    source = forms.CharField(
        max_length=300,
        label=_("Source"),
        help_text=_('Where the figures come from, e.g. "Census 2021, Riverside ward (ONS)".'),
    )
    year = forms.IntegerField(
        min_value=1900, max_value=2100, label=_("Year"), help_text=_("The figures' year.")
    )

    def __init__(self, *args: Any, characteristic: Characteristic, **kwargs: Any) -> None:
        kwargs["prefix"] = characteristic.key  # ids unique among the page's six forms
        super().__init__(*args, **kwargs)
        self.characteristic = characteristic
        shares = {
            category: forms.DecimalField(
                label=_("%(answer)s (%%)") % {"answer": characteristic.category_label(category)},
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=4,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.1"}),
            )
            for category in characteristic.baseline_categories
        }
        self.fields = {**shares, **self.fields}

    def shares(self) -> dict[str, Decimal]:
        return {c: self.cleaned_data[c] for c in self.characteristic.baseline_categories}
