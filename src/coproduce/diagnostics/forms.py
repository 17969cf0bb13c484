"""The diagnostics pages' GET forms: a period, and the portfolio's filters and order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import PeriodForm
from coproduce.core.vocabulary import ServiceArea, StageKind
from coproduce.diagnostics.presenters import SORTS, PortfolioQuery


class DiagnosticsPeriodForm(PeriodForm):
    """The period an initiative's diagnostics read (all entries when both ends are empty)."""


class PortfolioForm(PeriodForm):
    """Which initiatives the portfolio shows and in what order. An unknown value is an
    error on its field, never ignored."""

    service_area = forms.ChoiceField(
        choices=[("", _("Any service area")), *ServiceArea.choices],
        required=False,
        label=_("Service area"),
    )
    locality = forms.CharField(max_length=120, required=False, label=_("Locality"))
    stage = forms.ChoiceField(
        choices=[("", _("Any stage")), *StageKind.choices],
        required=False,
        label=_("Stage"),
        help_text=_("Initiatives that have this stage."),
    )
    scope = forms.ChoiceField(
        choices=[("live", _("Live initiatives only")), ("all", _("Include the case library"))],
        required=False,
        initial="live",
        label=_("Initiatives"),
        widget=forms.RadioSelect,
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Sort by"))

    def query(self) -> PortfolioQuery:
        """What the portfolio is asked to show (valid or unbound forms only)."""
        data = self.cleaned_data if self.is_bound else {}
        return PortfolioQuery(
            service_area=data.get("service_area", ""),
            locality=data.get("locality", ""),
            stage=data.get("stage", ""),
            include_cases=data.get("scope") == "all",
            period=self.period,
            sort=data.get("sort") or "title",
        )
