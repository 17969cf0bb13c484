"""Writes for equality monitoring: a person's own profile, given and withdrawn, and an
initiative's locality baseline."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from coproduce.core import gate
from coproduce.core.dates import year_problem
from coproduce.equality.models import EqualityProfile, LocalityBaseline
from coproduce.equality.vocabulary import CHARACTERISTICS
from coproduce.initiatives.models import Initiative

CONSENT_NEEDED = gettext_lazy(
    "Tick the box to agree that we keep your answers, or leave this page."
)
NOT_AN_ANSWER = gettext_lazy('Choose one of the answers given (or "Prefer not to say").')
SOURCE_MAX = 300
# The shares add up to 100% give or take 0.5, in tenths of a percent.
SHARES_TOTAL, SHARES_SLACK = 1000, 5


@sensitive_variables()  # no error report shows the answers
@transaction.atomic
def equality_profile_save(*, actor: Any, consent: bool = False, **answers: str) -> EqualityProfile:
    """Keep the person's answers (each one of its question's answers, or blank for not
    answered; a question left out is not answered), with their explicit consent now."""
    gate.require(actor, "equality.keep_profile")
    if consent is not True:
        raise ValidationError({"consent": CONSENT_NEEDED})
    for key in answers:
        if key not in CHARACTERISTICS:
            raise ValidationError({key: _("There is no such question.")})
    values = {key: answers.get(key) or "" for key in CHARACTERISTICS}
    for key, value in values.items():
        if value not in {"", *CHARACTERISTICS[key].categories}:
            raise ValidationError({key: NOT_AN_ANSWER})
    profile, __ = EqualityProfile.objects.update_or_create(
        user=actor, defaults={"consented_at": timezone.now(), **values}
    )
    return profile


@transaction.atomic
def equality_profile_withdraw(*, actor: Any) -> bool:
    """Erase the person's answers (the row is deleted, not marked); whether there were any."""
    gate.require(actor, "equality.keep_profile")
    deleted, __ = EqualityProfile.objects.filter(user=actor).delete()
    return deleted > 0


def _tenths(category: str, value: Any) -> int:
    """A percentage with at most one decimal, from 0 to 100, in tenths of a percent."""
    problem = _("Give a percentage from 0 to 100, with at most one decimal (e.g. 12.5).")
    try:
        percent = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError({category: problem}) from None
    tenths = percent * 10
    if not percent.is_finite() or not 0 <= percent <= 100 or tenths != tenths.to_integral_value():
        raise ValidationError({category: problem})
    return int(tenths)


@transaction.atomic
def equality_baseline_save(
    *,
    actor: Any,
    initiative: Initiative,
    characteristic: str,
    shares: Mapping[str, Any],
    source: str,
    year: int,
) -> LocalityBaseline:
    """Set the locality's distribution for one question: a percentage for each answer that
    takes one (summing to 100, give or take 0.5), where the figures come from and their
    year. Replaces the one before."""
    gate.require(actor, "equality.enter_baseline", initiative)
    found = CHARACTERISTICS.get(characteristic)
    if found is None:
        raise ValidationError({"characteristic": _("Choose one of the profile's questions.")})
    expected = found.baseline_categories
    for category in shares:
        if category not in expected:
            raise ValidationError(
                {
                    "shares": _("%(question)s has no answer %(answer)s.")
                    % {"question": found.label, "answer": repr(category)}
                }
            )
    missing = [found.category_label(c) for c in expected if c not in shares]
    if missing:
        raise ValidationError(
            {"shares": _("Give a percentage for: %(answers)s.") % {"answers": ", ".join(missing)}}
        )
    tenths = {category: _tenths(category, shares[category]) for category in expected}
    total = sum(tenths.values())
    if abs(total - SHARES_TOTAL) > SHARES_SLACK:
        raise ValidationError(
            {
                "shares": _(
                    "The percentages add up to %(total)s; they must add up to 100 "
                    "(give or take 0.5)."
                )
                % {"total": Decimal(total) / 10}
            }
        )
    source = source.strip()
    if not source or len(source) > SOURCE_MAX:
        raise ValidationError(
            {
                "source": _("Say where the figures come from, in up to %(max)s characters.")
                % {"max": SOURCE_MAX}
            }
        )
    problem = year_problem(year, past_only=True) if isinstance(year, int) else _("Give a year.")
    if problem:
        raise ValidationError({"year": problem})
    baseline, __ = LocalityBaseline.objects.update_or_create(
        initiative=initiative,
        characteristic=characteristic,
        defaults={"shares": tenths, "source": source, "year": year, "entered_by": actor},
    )
    return baseline
