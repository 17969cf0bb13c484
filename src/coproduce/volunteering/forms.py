from django import forms

from coproduce.volunteering.models import Opportunity


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "stage",
            "title",
            "role",
            "description",
            "skills",
            "location",
            "accessibility",
            "safeguarding",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"accessibility": "Accessibility notes", "safeguarding": "Checks needed"}

    def __init__(self, *args: object, initiative: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stage"].queryset = initiative.stages.filter(  # type: ignore[attr-defined]
            kind__in=["co_performing", "co_management"]
        )
        self.fields["stage"].empty_label = None  # type: ignore[attr-defined]


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Ends", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label="People needed", min_value=1, max_value=1000)


class HoursForm(forms.Form):
    opportunity = forms.ModelChoiceField(queryset=Opportunity.objects.none(), empty_label=None)
    minutes = forms.IntegerField(label="Minutes given", min_value=1, max_value=24 * 60)
    worked_on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="What you did (optional)", max_length=300, required=False)

    def __init__(self, *args: object, initiative: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["opportunity"].queryset = initiative.opportunities.all()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", "Approve"), ("no", "Do not approve")], coerce=lambda v: v == "yes"
    )
    reason = forms.CharField(max_length=300, required=False)
