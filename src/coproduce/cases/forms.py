from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.cases import selectors
from coproduce.cases.models import LeadershipStyle
from coproduce.core.vocabulary import ServiceArea, StageKind


class CaseFilterForm(forms.Form):
    """The case library's filters. Unknown values are errors, not silently ignored."""

    q = forms.CharField(max_length=200, required=False, label=_("Search"))
    service_area = forms.ChoiceField(
        choices=[("", _("Any service area")), *ServiceArea.choices], required=False
    )
    stage = forms.ChoiceField(choices=[("", _("Any stage")), *StageKind.choices], required=False)
    leadership_style = forms.ChoiceField(
        choices=[("", _("Any leadership style")), *LeadershipStyle.choices], required=False
    )
    country = forms.ChoiceField(choices=[("", _("Any country"))], required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        countries = [(c, c) for c in selectors.countries()]
        self.fields["country"].choices = [("", _("Any country")), *countries]  # type: ignore[attr-defined]
