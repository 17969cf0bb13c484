"""The six questions of the equality profile and their answers, defined once.

The profile's fields and constraints (models.py), its form, the baseline's form and checks,
and the inclusion figures all read ``CHARACTERISTICS``: a question's key, its label, the
question as the person reads it, its answers in order, and which answers a locality's
baseline can give a share for ("prefer not to say" and "don't know" are no part of one).
An answer left blank is a question not answered; the figures count it with "prefer not to
say" (neither says anything), so every person falls in exactly one category of each.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PREFER_NOT_TO_SAY = "prefer_not_to_say"
PREFER_NOT_TO_SAY_LABEL = _("Prefer not to say")
DONT_KNOW = "dont_know"


class AgeBand(models.TextChoices):
    """From 16: the profile is for people who can consent to it themselves (ADR 0027)."""

    AGE_16_24 = "16_24", _("16 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_64 = "55_64", _("55 to 64")
    AGE_65_74 = "65_74", _("65 to 74")
    AGE_75_PLUS = "75_plus", _("75 or over")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    ANOTHER_WAY = "another_way", _("In another way")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class EthnicGroup(models.TextChoices):
    """The high-level groups of the 2021 census of England and Wales."""

    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class DeprivationBand(models.TextChoices):
    """The fifth (quintile) of the Index of Multiple Deprivation the home neighbourhood is in."""

    MOST_DEPRIVED = "1", _("1: the most deprived fifth of neighbourhoods")
    SECOND = "2", "2"
    THIRD = "3", _("3: the middle fifth")
    FOURTH = "4", "4"
    LEAST_DEPRIVED = "5", _("5: the least deprived fifth of neighbourhoods")
    DONT_KNOW = DONT_KNOW, _("Don't know")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


@dataclass(frozen=True)
class Characteristic:
    """One question of the profile: the profile's field named ``key``."""

    key: str
    label: "str | _StrPromise"
    question: "str | _StrPromise"
    help_text: "str | _StrPromise"
    choices: type[models.TextChoices]
    # Answers that are no share of a population: a baseline gives none for them.
    no_baseline: frozenset[str] = frozenset({PREFER_NOT_TO_SAY})

    @property
    def categories(self) -> list[str]:
        """Every answer, in order, "prefer not to say" last."""
        return list(self.choices.values)

    @property
    def baseline_categories(self) -> list[str]:
        """The answers a locality's baseline gives a share for."""
        return [c for c in self.categories if c not in self.no_baseline]

    def category_label(self, category: str) -> str:
        return str(dict(self.choices.choices)[category])


CHARACTERISTICS: dict[str, Characteristic] = {
    c.key: c
    for c in (
        Characteristic(
            key="age_band",
            label=_("Age"),
            question=_("How old are you?"),
            help_text="",
            choices=AgeBand,
        ),
        Characteristic(
            key="gender",
            label=_("Gender"),
            question=_("How do you describe your gender?"),
            help_text="",
            choices=Gender,
        ),
        Characteristic(
            key="ethnic_group",
            label=_("Ethnic group"),
            question=_("What is your ethnic group?"),
            help_text=_("The broad groups the 2021 census used."),
            choices=EthnicGroup,
        ),
        Characteristic(
            key="disability",
            label=_("Disability"),
            question=_("Are you disabled?"),
            help_text=_(
                "The law (the Equality Act 2010) counts you as disabled if you have a "
                "physical or mental condition that makes everyday activities much harder for "
                "you, and it has lasted, or is likely to last, a year or more."
            ),
            choices=YesNo,
        ),
        Characteristic(
            key="caring",
            label=_("Unpaid care"),
            question=_("Do you look after someone without being paid for it?"),
            help_text=_(
                "Caring for a family member, friend or neighbour because of illness, "
                "disability, a mental health condition or old age, other than as your job."
            ),
            choices=YesNo,
        ),
        Characteristic(
            key="deprivation_band",
            label=_("Neighbourhood deprivation"),
            question=_("How deprived is the neighbourhood you live in?"),
            help_text=_(
                "Each nation of the UK ranks its neighbourhoods in an Index of Multiple "
                "Deprivation (income, work, health, education, housing, crime, surroundings), and "
                "its postcode look-up tells you your neighbourhood's fifth. Say \"Don't know\" "
                "if you are not sure."
            ),
            choices=DeprivationBand,
            no_baseline=frozenset({PREFER_NOT_TO_SAY, DONT_KNOW}),
        ),
    )
}


# The questions as choices, for the baseline's field, its form and the API.
CHARACTERISTIC_CHOICES = [(key, c.label) for key, c in CHARACTERISTICS.items()]


def characteristic(key: str) -> Characteristic | None:
    return CHARACTERISTICS.get(key)
