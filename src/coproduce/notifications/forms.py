"""The preferences form: one choice of delivery for each kind of notification."""

from typing import Any

from django import forms

from coproduce.notifications.kinds import Delivery, Kind


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
            )
