from django import forms

from coproduce.organisations.models import OrganisationKind


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=OrganisationKind.choices)
    locality = forms.CharField(max_length=100, required=False)
    website = forms.URLField(required=False, assume_scheme="https")
