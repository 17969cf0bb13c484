from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.budgeting.models import Budget, ImplementationStatus, Process
from coproduce.core.forms import csv_text
from coproduce.core.templatetags.coproduce import money


class BudgetChoiceField(forms.ModelChoiceField):
    """A budget chosen among several processes' budgets, each named with its process and
    its amount (select_related the process)."""

    def label_from_instance(self, obj: Budget) -> str:
        return f"{obj.process.title}: {obj.name} ({money(obj.amount, obj.process.currency)})"


class ProposalFieldsForm(forms.Form):
    """What an author writes about a project, new or edited."""

    title = forms.CharField(max_length=200)
    description = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.CharField(max_length=80, required=False)
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (£)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Your best guess; professionals will check it."),
    )
    image = forms.FileField(
        label=_("Picture (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, up to 5 MB. We remove its hidden details, such as where "
            "it was taken."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("What the picture shows"),
        max_length=300,
        required=False,
        help_text=_("A few words for people who cannot see it; needed with a picture."),
    )


class ProposalForm(ProposalFieldsForm):
    budget = forms.ModelChoiceField(queryset=Budget.objects.none(), empty_label=None)
    field_order = ["budget", "title", "description", "category", "estimated_cost"]

    def __init__(self, *args: object, process: Process, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["budget"].queryset = process.budgets.all()  # type: ignore[attr-defined]


class ProposalEditForm(ProposalFieldsForm):
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        choices=[("yes", _("Feasible")), ("no", _("Not feasible"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label=_("Can it be done?"),
    )
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the proposal."),
    )
    cost = forms.DecimalField(
        label=_("Reviewed cost (£)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Your comment")
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Your reply to the review"),
    )


class UpdateForm(forms.Form):
    status = forms.ChoiceField(choices=ImplementationStatus.choices)
    progress = forms.IntegerField(min_value=0, max_value=100, label=_("Progress (%)"))
    milestone = forms.CharField(max_length=200, required=False)
    note = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BallotForm(forms.Form):
    """A ballot for one budget, shaped by the process's ballot type."""

    def __init__(self, *args: object, process: Process, proposals: list, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.process, self.proposals = process, proposals
        kind = process.ballot_type
        if kind == "choose_one":
            self.fields["choice"] = forms.TypedChoiceField(
                choices=[(p.pk, p.title) for p in proposals],
                coerce=int,
                widget=forms.RadioSelect,
                label=_("Your choice"),
            )
            return
        for p in proposals:
            label = f"{p.title} ({money(p.final_cost, process.currency)})"
            cost = {"data-cost": str(p.final_cost)}  # for the running total (ballot.js)
            if kind == "cumulative":
                self.fields[f"p_{p.pk}"] = forms.IntegerField(
                    label=label, min_value=0, max_value=process.points, required=False
                )
            elif kind == "ranked":
                self.fields[f"p_{p.pk}"] = forms.IntegerField(
                    label=label,
                    min_value=1,
                    max_value=process.max_choices,
                    required=False,
                    help_text=_("Rank it (1 is your first choice), or leave it empty."),
                    widget=forms.NumberInput(attrs=cost),
                )
            else:
                self.fields[f"p_{p.pk}"] = forms.BooleanField(
                    label=label, required=False, widget=forms.CheckboxInput(attrs=cost)
                )

    def chosen(self) -> list[tuple[int, int]]:
        """(proposal id, points) in ballot order; ranks become the order for ranked ballots."""
        data = self.cleaned_data
        if self.process.ballot_type == "choose_one":
            return [(data["choice"], 1)]
        picked: list[tuple[int, int]] = [
            (p.pk, int(data[f"p_{p.pk}"])) for p in self.proposals if data.get(f"p_{p.pk}")
        ]
        if self.process.ballot_type == "ranked":
            ranks = [value for _, value in picked]
            if len(set(ranks)) != len(ranks):
                raise forms.ValidationError(_("Give each project a different rank."))
            return [(pk, 1) for pk, _ in sorted(picked, key=lambda item: item[1])]
        if self.process.ballot_type == "cumulative":
            return picked
        return [(pk, 1) for pk, _ in picked]


class ProcessForm(forms.ModelForm):
    budget_name = forms.CharField(
        max_length=120,
        initial="Whole area",
        help_text=_("The first budget; add districts or themes later."),
    )
    budget_amount = forms.DecimalField(
        label=_("Amount (£)"), min_value=0, max_digits=13, decimal_places=2
    )

    class Meta:
        model = Process
        fields = [
            "title",
            "description",
            "ballot_type",
            "max_choices",
            "points",
            "rule",
            "min_votes",
            "members_only",
            "residents_of_district_only",
            "minimum_age",
            "codes_required",
            "proposals_open",
            "voting_open",
            "voting_close",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "proposals_open": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "voting_open": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "voting_close": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }


class BudgetForm(forms.Form):
    name = forms.CharField(max_length=120)
    district = forms.CharField(
        max_length=120, required=False, help_text=_("Leave empty for a budget open to everyone.")
    )
    amount = forms.DecimalField(label=_("Amount (£)"), min_value=0, max_digits=13, decimal_places=2)


class CodesForm(forms.Form):
    count = forms.IntegerField(min_value=1, max_value=10_000, label=_("How many codes"))
    district = forms.CharField(max_length=120, required=False)


class ProposalsImportForm(forms.Form):
    proposals_file = forms.FileField(
        label=_("Proposals as a CSV file"),
        help_text=_(
            "A header row naming title, description, cost (in pounds) and, if you like, "
            "category and budget. Up to 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_proposals_file(self) -> str:
        return csv_text(self.cleaned_data["proposals_file"])
