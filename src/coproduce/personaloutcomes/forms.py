"""The forms of personal outcomes: the scale, a pairing, and a reading."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.personaloutcomes.models import HIGHEST, LOWEST, STEPS, Domain, Scale


class ScaleForm(forms.Form):
    name = forms.CharField(max_length=120, label=gettext_lazy("Name of the scale"))
    domains = forms.CharField(
        label=gettext_lazy("Domains"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One domain a line, in the order to ask them: its name, a colon, then short "
            'guidance. For example "Managing money: paying bills, keeping to a budget".'
        ),
    )

    def __init__(self, *args: Any, scale: Scale | None = None, **kwargs: Any) -> None:
        if scale is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": scale.name,
                    "domains": "\n".join(
                        f"{d.name}: {d.guidance}" if d.guidance else d.name
                        for d in scale.domains.all()
                    ),
                    **{f"label_{i}": label for i, label in enumerate(scale.labels, start=1)},
                },
            )
        super().__init__(*args, **kwargs)
        for step in range(LOWEST, STEPS + 1):
            self.fields[f"label_{step}"] = forms.CharField(
                max_length=80, label=_("Label for step %(step)s") % {"step": step}
            )

    def labels(self) -> list[str]:
        return [self.cleaned_data[f"label_{step}"] for step in range(LOWEST, STEPS + 1)]

    def domain_list(self) -> list[tuple[str, str]]:
        found = []
        for line in self.cleaned_data["domains"].splitlines():
            name, _, guidance = line.partition(":")
            if name.strip():
                found.append((name.strip(), guidance.strip()))
        return found


class PairingForm(forms.Form):
    def __init__(
        self, *args: Any, people: list[tuple[int, str]], workers: list[tuple[int, str]], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["person"] = forms.ChoiceField(
            label=_("Person"), choices=[("", _("Choose a person")), *people]
        )
        self.fields["worker"] = forms.ChoiceField(
            label=_("Worker"),
            choices=[("", _("Choose a worker")), *workers],
            help_text=_("A member on the professionals' side."),
        )


def score_choices(scale: Scale) -> list[tuple[str, str]]:
    return [("", _("Choose a score"))] + [
        (str(step), f"{step}: {label}") for step, label in scale.steps()
    ]


class ReadingForm(forms.Form):
    """A day, then a score and an optional note for each domain."""

    taken_on = forms.DateField(
        label=gettext_lazy("Day of the reading"),
        help_text=gettext_lazy("As YYYY-MM-DD."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self, *args: Any, scale: Scale, domains: list[Domain], initial_scores: Any = None, **kw: Any
    ) -> None:
        initial: dict[str, Any] = {"taken_on": timezone.localdate()}
        if initial_scores is not None:
            initial["taken_on"] = initial_scores.reading.taken_on
            for domain, score, note in zip(
                domains, initial_scores.scores, initial_scores.notes, strict=True
            ):
                initial[f"score_{domain.pk}"] = "" if score is None else str(score)
                initial[f"note_{domain.pk}"] = note
        kw.setdefault("initial", initial)
        super().__init__(*args, **kw)
        choices = score_choices(scale)
        for domain in domains:
            self.fields[f"score_{domain.pk}"] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                label=_("%(domain)s: score") % {"domain": domain.name},
                # help text is shown as HTML: the coordinators' guidance is text
                help_text=escape(domain.guidance)
                or _("From %(lowest)s to %(highest)s.") % {"lowest": LOWEST, "highest": HIGHEST},
            )
            self.fields[f"note_{domain.pk}"] = forms.CharField(
                required=False,
                max_length=500,
                label=_("%(domain)s: note (optional)") % {"domain": domain.name},
            )
        self.domains = domains

    def scores(self) -> dict[int, int]:
        return {d.pk: self.cleaned_data[f"score_{d.pk}"] for d in self.domains}

    def notes(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data.get(f"note_{d.pk}", "") for d in self.domains}

    def day(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["taken_on"]
        return value
