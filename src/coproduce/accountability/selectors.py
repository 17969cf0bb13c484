"""What the accountability page reads from the record: money and goods in, by where they came
from, and the decisions taken, by who took them. Only standing entries count (a reversed
entry and its reversal cancel); people who gave as individuals are counted, never named."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from coproduce.core.vocabulary import ContributionKind, DecidingBody, DecisionKind, Side, Unit
from coproduce.initiatives.models import Initiative
from coproduce.organisations.models import OrganisationKind
from coproduce.record.models import Contribution, Decision
from coproduce.record.selectors import standing

# Labels for what came from people giving as themselves, by their side.
INDIVIDUALS = {
    Side.CITIZEN: _("Residents and service users, as individuals"),
    Side.REGULAR_PRODUCER: _("Staff, as individuals"),
    Side.POLITICAL: _("Councillors, as individuals"),
}
RECENT_DECISIONS = 50


@dataclass(frozen=True)
class Source:
    """One source of money and goods: an organisation by name, or the people of one side."""

    name: str
    kind: str  # the organisation's kind, or "Individuals"
    money: int  # pence, net
    in_kind: int  # pence, net
    people: int  # individuals: how many gave; organisations: 0

    @property
    def total(self) -> int:
        return self.money + self.in_kind


def money_in(initiative: Initiative) -> list[Source]:
    """Money and goods valued in pence, by source, largest first; sources whose entries were
    all reversed drop out."""
    rows = (
        Contribution.objects.filter(
            initiative=initiative,
            unit=Unit.PENCE,
            kind__in=(ContributionKind.MONEY, ContributionKind.IN_KIND),
        )
        .values("organisation__name", "organisation__kind", "side")
        .annotate(
            money=Sum("quantity", filter=Q(kind=ContributionKind.MONEY), default=0),
            in_kind=Sum("quantity", filter=Q(kind=ContributionKind.IN_KIND), default=0),
            people=Count(
                "contributor", distinct=True, filter=standing(Contribution) & Q(quantity__gt=0)
            ),
        )
        .order_by()
    )
    sources = [
        Source(
            name=row["organisation__name"] or str(INDIVIDUALS[row["side"]]),
            kind=str(OrganisationKind(row["organisation__kind"]).label)
            if row["organisation__kind"]
            else str(_("Individuals")),
            money=row["money"],
            in_kind=row["in_kind"],
            people=0 if row["organisation__name"] else row["people"],
        )
        for row in rows
    ]
    return sorted((s for s in sources if s.money or s.in_kind), key=lambda s: (-s.total, s.name))


@dataclass(frozen=True)
class BodyRow:
    """Standing decisions one body took, by the side that started them (in ``SIDES`` order)."""

    label: str
    by_side: list[int]
    total: int


# The sides in the order of the table's columns, with the words people use for them, as
# they follow "Started by" (Welsh mutates them after "gan").
SIDES = (
    (Side.CITIZEN, _("residents and service users")),
    (Side.REGULAR_PRODUCER, _("staff")),
    (Side.POLITICAL, _("councillors")),
)


def decisions_by_body(initiative: Initiative) -> list[BodyRow]:
    """Standing decisions (declarations left out), one row per deciding body, counted by
    the side that started them."""
    counts = {
        (row["decided_by"], row["initiated_by_side"]): row["n"]
        for row in _decisions(initiative)
        .values("decided_by", "initiated_by_side")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for body, label in DecidingBody.choices:
        by_side = [counts.get((body, side), 0) for side, _ in SIDES]
        rows.append(BodyRow(label=str(label), by_side=by_side, total=sum(by_side)))
    return rows


def recent_decisions(initiative: Initiative) -> list[Decision]:
    return list(
        _decisions(initiative)
        .select_related("stage")
        .order_by("-decided_on", "-pk")[:RECENT_DECISIONS]
    )


def _decisions(initiative: Initiative) -> QuerySet[Decision]:
    return Decision.objects.filter(standing(Decision), initiative=initiative).exclude(
        kind=DecisionKind.DECLARATION
    )
