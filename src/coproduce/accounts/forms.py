from django import forms

from coproduce.accounts.models import User


class SignUpForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text="Letters, digits and @ . + - _ only.",
        error_messages={"invalid": "Use only letters, digits and @ . + - _ in a username."},
    )
    display_name = forms.CharField(
        max_length=100, required=False, help_text="The name others see. Optional."
    )
    email = forms.EmailField(max_length=254, help_text="For resetting your password.")
    password1 = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords do not match.")
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "email",
            "locality",
            "skills",
            "availability",
            "birth_year",
            "bio",
        ]
        labels = {"locality": "Area you live in", "birth_year": "Year of birth (optional)"}
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
