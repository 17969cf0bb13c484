"""The shared vocabulary of co-production (docs/domain.md), used by every app.

Kept in one place so that a side, a stage or a kind of contribution means the same thing
in the initiative, in the record and in the analytics that read it.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    """Which side of the co-production relationship a person acts on."""

    REGULAR_PRODUCER = "regular_producer", _("Regular producer (paid staff)")
    CITIZEN = "citizen", _("Citizen co-producer")
    POLITICAL = "political", _("Political representative")


# The sides in the words people use, wherever a side is shown or chosen, each with who it
# is for (the line shown where one is chosen).
SIDE_IN_PLAIN_WORDS: dict[str, tuple[Any, Any]] = {
    Side.CITIZEN: (
        gettext_lazy("Resident or service user"),
        gettext_lazy(
            "you use the service, care for someone who does, live here, volunteer or speak "
            "for a community group"
        ),
    ),
    Side.REGULAR_PRODUCER: (
        gettext_lazy("Staff"),
        gettext_lazy("you are paid to run or deliver the service; a coordinator approves this"),
    ),
    Side.POLITICAL: (
        gettext_lazy("Councillor"),
        gettext_lazy("you are an elected representative; a coordinator approves this"),
    ),
}


def side_in_plain_words(side: str) -> str:
    """A side's name in the words people use ("Staff"), or the value itself if unknown."""
    plain = SIDE_IN_PLAIN_WORDS.get(side)
    return str(plain[0]) if plain else side


# For a list to choose a side from where no explanation fits (a filter, an invitation).
SIDE_PLAIN_CHOICES: list[tuple[str, Any]] = [
    (side, name) for side, (name, _line) in SIDE_IN_PLAIN_WORDS.items()
]


class Role(models.TextChoices):
    SERVICE_USER = "service_user", _("Service user")
    CARER = "carer", _("Carer or family member")
    RESIDENT = "resident", _("Resident")
    VOLUNTEER = "volunteer", _("Volunteer")
    COMMUNITY_LEADER = "community_leader", _("Community leader")
    FRONTLINE_PROFESSIONAL = "frontline_professional", _("Frontline professional")
    MANAGER = "manager", _("Manager or commissioner")
    COUNCILLOR = "councillor", _("Councillor")
    EVALUATOR = "evaluator", _("Evaluator")


class LeadershipType(models.TextChoices):
    """Leadership types (docs/domain.md): managerial, civic/community, political."""

    MANAGERIAL = "managerial", _("Managerial / professional")
    COMMUNITY = "community", _("Civic / community")
    POLITICAL = "political", _("Political / representative")


class StageKind(models.TextChoices):
    """The stages of the value chain (the "4 Co's") at the level software can record."""

    CO_PLANNING = "co_planning", _("Co-planning")
    CO_PRIORITISATION = "co_prioritisation", _("Co-prioritisation")
    CO_FINANCING = "co_financing", _("Co-financing")
    CO_DESIGN = "co_design", _("Co-design")
    CO_MANAGEMENT = "co_management", _("Co-management")
    CO_PERFORMING = "co_performing", _("Co-performing")
    CO_ASSESSMENT = "co_assessment", _("Co-assessment")


STAGE_GROUPS: dict[str, str] = {
    StageKind.CO_PLANNING: "Co-commissioning",
    StageKind.CO_PRIORITISATION: "Co-commissioning",
    StageKind.CO_FINANCING: "Co-commissioning",
    StageKind.CO_DESIGN: "Co-design",
    StageKind.CO_MANAGEMENT: "Co-delivery",
    StageKind.CO_PERFORMING: "Co-delivery",
    StageKind.CO_ASSESSMENT: "Co-assessment",
}


class StageStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class ServiceArea(models.TextChoices):
    HEALTH = "health", _("Health")
    SOCIAL_CARE = "social_care", _("Social care")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    CHILDREN_FAMILIES = "children_families", _("Children and families")
    JUSTICE = "justice", _("Justice and community safety")
    ENVIRONMENT = "environment", _("Environment")
    REGENERATION = "regeneration", _("Regeneration and neighbourhoods")
    PLANNING = "planning", _("Spatial planning")
    LOCAL_SERVICES = "local_services", _("Local services and shops")
    RESEARCH = "research", _("Research and evaluation")


class ContributionKind(models.TextChoices):
    TIME = "time", _("Time")
    MONEY = "money", _("Money")
    IN_KIND = "in_kind", _("In kind")
    SKILLS = "skills", _("Skills or knowledge")
    IDEA = "idea", _("Idea")
    VOTE = "vote", _("Vote")
    DECISION_MAKING = "decision_making", _("Decision-making")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    PENCE = "pence", _("Pence")
    COUNT = "count", _("Count")


# The unit each kind is measured in; time in minutes and money in pence, as integers.
KIND_UNITS: dict[str, set[str]] = {
    ContributionKind.TIME: {Unit.MINUTES},
    ContributionKind.MONEY: {Unit.PENCE},
    ContributionKind.IN_KIND: {Unit.PENCE, Unit.COUNT},
    ContributionKind.SKILLS: {Unit.MINUTES, Unit.COUNT},
    ContributionKind.IDEA: {Unit.COUNT},
    ContributionKind.VOTE: {Unit.COUNT},
    ContributionKind.DECISION_MAKING: {Unit.MINUTES, Unit.COUNT},
    ContributionKind.OTHER: {Unit.MINUTES, Unit.PENCE, Unit.COUNT},
}


class DecisionRule(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    VOTE = "vote", _("Vote")
    PROFESSIONAL_SIGN_OFF = "professional_sign_off", _("Professional sign-off")
    POLITICAL_DECISION = "political_decision", _("Political decision")
    DELEGATED = "delegated", _("Delegated")


class DecidingBody(models.TextChoices):
    """Who took a decision, by side, or jointly."""

    CITIZENS = "citizens", _("Citizens")
    PROFESSIONALS = "professionals", _("Professionals")
    POLITICIANS = "politicians", _("Political representatives")
    JOINT = "joint", _("Jointly, across sides")


# The body a decision belongs to when one person on a side takes it (a coordinator
# approving a side, a board's members voting): analytics count decisions by body.
DECIDING_BODY_OF_SIDE: dict[str, str] = {
    Side.CITIZEN: DecidingBody.CITIZENS,
    Side.REGULAR_PRODUCER: DecidingBody.PROFESSIONALS,
    Side.POLITICAL: DecidingBody.POLITICIANS,
}


class Position(models.TextChoices):
    """How one person took part in a decision."""

    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAINED = "abstained", _("Abstained")
    PRESENT = "present", _("Took part (consensus or delegated)")


class DecisionKind(models.TextChoices):
    """What a decision does. An exclusion rules someone or something out (a proposal found
    infeasible, a refused or removed member, a rejected goal): the power to exclude."""

    DECISION = "decision", _("Decision")
    EXCLUSION = "exclusion", _("Exclusion")
    # A coordinator's statement, for the record, of who plans and who delivers a stage
    # (much professional work happens off the platform); kept as a decision so that its
    # history is kept, but not a decision about the service: power figures leave it out.
    DECLARATION = "declaration", _("Declaration of who plans and delivers")


class WhoDoesIt(models.TextChoices):
    """Who does the work of planning, delivering or assessing a service (seed 002, Table 1:
    the rows and columns of the planning × delivery matrix)."""

    PROFESSIONALS_ALONE = "professionals_alone", _("Professionals alone")
    JOINT = "joint", _("Professionals and citizens jointly")
    CITIZENS_ALONE = "citizens_alone", _("Citizens alone")


class Axis(models.TextChoices):
    """The three axes the diagnostics read the value chain on."""

    PLANNING = "planning", _("Planning and design")
    DELIVERY = "delivery", _("Delivery")
    ASSESSMENT = "assessment", _("Assessment")


AXIS_STAGES: dict[str, tuple[str, ...]] = {
    Axis.PLANNING: (
        StageKind.CO_PLANNING,
        StageKind.CO_PRIORITISATION,
        StageKind.CO_FINANCING,
        StageKind.CO_DESIGN,
    ),
    Axis.DELIVERY: (StageKind.CO_MANAGEMENT, StageKind.CO_PERFORMING),
    Axis.ASSESSMENT: (StageKind.CO_ASSESSMENT,),
}
