"""The ten statements of the self-assessment, defined once: the six principles nef and NESTA
set out for co-production and the four challenges that seed 001 finds its leadership must
meet. Each is worded here in our own words from the seeds:

- the principles: shared/seeds/003_c4d09ba079e6f375.txt, lines 28-40 (one paragraph a
  principle, lines 30, 32, 34, 36, 38 and 40);
- the challenges: shared/seeds/001_95c2a822735e811c.txt, line 118 (the four named
  together), with one section each: 4.2 (line 168), 4.3 (line 178), 4.4 (line 192, where
  Ilfracombe's public "virtual bank" is at line 196) and 4.5 (line 202).

Members rate each statement about their initiative from 1 (strongly disagree) to 5
(strongly agree), or say they don't know.
"""

from typing import TYPE_CHECKING, NamedTuple

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PRINCIPLE = "principle"
CHALLENGE = "challenge"
GROUPS = (
    (PRINCIPLE, _("The six principles (nef/NESTA)")),
    (CHALLENGE, _("The four challenges")),
)


class Statement(NamedTuple):
    key: str
    group: str  # PRINCIPLE or CHALLENGE
    title: "_StrPromise"  # the words are translated (ADR 0050)
    text: "_StrPromise"  # what the member rates, agreeing or not
    explanation: "_StrPromise"  # one line: what the statement asks about, and where it comes from


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "people_as_assets",
        PRINCIPLE,
        _("People as assets"),
        _(
            "Here, the people who use the service are treated as partners with something to "
            "give, not as problems to be handled."
        ),
        _("Principle 1: everyone brings something; no one is only a passive recipient."),
    ),
    Statement(
        "build_on_capabilities",
        PRINCIPLE,
        _("Building on what people can do"),
        _(
            "We start from what people are already able to do and help them do more of it, "
            "rather than from what they lack."
        ),
        _("Principle 2: begin with people's abilities, not with a list of their needs."),
    ),
    Statement(
        "mutuality_reciprocity",
        PRINCIPLE,
        _("Mutuality and reciprocity"),
        _("Staff and citizens here depend on each other, and each side gives as well as receives."),
        _(
            "Principle 3: a two-way partnership in which each side is needed for the service "
            "to work."
        ),
    ),
    Statement(
        "peer_support_networks",
        PRINCIPLE,
        _("Peer support networks"),
        _(
            "People's own networks of peers, family and neighbours work alongside the "
            "professionals to pass on know-how and support change."
        ),
        _("Principle 4: peers and personal networks spread what works, next to staff."),
    ),
    Statement(
        "blurring_distinctions",
        PRINCIPLE,
        _("Blurring provider and user"),
        _(
            "In this initiative it is hard to say who provides the service and who receives it: "
            "both sides shape it and both carry it out."
        ),
        _("Principle 5: the line between those who provide and those who use the service softens."),
    ),
    Statement(
        "facilitating_not_delivering",
        PRINCIPLE,
        _("Facilitating, not delivering"),
        _(
            "The professionals here mostly help others to act, rather than doing everything "
            "themselves."
        ),
        _("Principle 6: staff act as catalysts and enablers more than as the only providers."),
    ),
    Statement(
        "shared_goals",
        CHALLENGE,
        _("Shared goals and priorities"),
        _("Everyone involved agrees on what this initiative is for and on what comes first."),
        _(
            "Challenge 1: set the priorities together and make the shared goals clear to every "
            "side."
        ),
    ),
    Statement(
        "include_the_weakest",
        CHALLENGE,
        _("Including the weakest"),
        _(
            "People with the greatest need and the least voice take part here and really "
            "influence what happens."
        ),
        _("Challenge 2: draw in those most often left out, not only the confident and better-off."),
    ),
    Statement(
        "communication_accountability",
        CHALLENGE,
        _("Communication and accountability"),
        _("We all know what is going on, where the money goes and who answers for each decision."),
        _(
            "Challenge 3: open information and clear public accountability, such as a published "
            "account of what the service spends."
        ),
    ),
    Statement(
        "innovation_and_risk",
        CHALLENGE,
        _("Innovation and risk"),
        _(
            "This initiative is free to try new ways of working, and an attempt that fails is "
            "not held against anyone."
        ),
        _("Challenge 4: backing for experiments against organisations' habit of avoiding risk."),
    ),
)

KEYS: tuple[str, ...] = tuple(s.key for s in STATEMENTS)
BY_KEY: dict[str, Statement] = {s.key: s for s in STATEMENTS}

# The rating scale: 1 to 5, and "don't know", kept as no rating.
LOWEST, HIGHEST = 1, 5
SCALE: tuple[tuple[int, "_StrPromise"], ...] = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)
# A side's mean and distribution are shown only when at least this many of its members gave
# a rating, so that no one's rating can be read from the figures.
MIN_ANSWERS = 3
