"""Drafts, versions, amendments and adoption through the services, and what each writes
to the record."""

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import World
from coproduce.core.vocabulary import (
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
)
from coproduce.drafts import selectors, services
from coproduce.drafts.models import Amendment, AmendmentStatus, Draft, DraftVersion
from coproduce.drafts.services import SectionText
from coproduce.drafts.tests.conftest import SECTIONS, keys
from coproduce.record.models import Contribution, Decision


def texts(version: DraftVersion) -> list[tuple[str, str]]:
    return [(s.title, s.body) for s in selectors.sections_of(version)]


def test_a_group_member_saves_a_version_and_it_counts_as_skills(world: World, draft: Draft) -> None:
    version = draft.versions.get()
    assert (version.number, version.author, version.reason) == (1, world.member, "First text")
    assert texts(version) == [(s.title, s.body) for s in SECTIONS]
    entry = Contribution.objects.get(source_type=ContentType.objects.get_for_model(DraftVersion))
    assert (entry.contributor, entry.side, entry.kind, entry.quantity, entry.unit) == (
        world.member, Side.CITIZEN, ContributionKind.SKILLS, 1, "count"
    )  # fmt: skip
    assert entry.stage == draft.stage


def test_keys_follow_sections_across_versions(world: World, draft: Draft) -> None:
    first = keys(draft)
    services.version_save(
        actor=world.coordinator,
        draft=draft,
        sections=[
            SectionText("How to report", "Phone or write.", first["How to report"]),
            SectionText("Follow-up", "We call back within two days."),
        ],
        reason="Shorter",
        based_on=1,
    )
    assert keys(draft) == {"How to report": 2, "Follow-up": 3}
    assert draft.versions.count() == 2


def test_only_the_drafting_group_edits(world: World, draft: Draft, tenant: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.version_save(actor=tenant, draft=draft, sections=SECTIONS, reason="Mine")
    with pytest.raises(PermissionDenied):
        services.version_save(actor=world.outsider, draft=draft, sections=SECTIONS, reason="x")
    assert draft.versions.count() == 1


def test_a_group_needs_both_sides(world: World, draft: Draft, tenant: Any) -> None:
    with pytest.raises(ValidationError, match="one citizen and one professional"):
        services.drafting_group_set(
            actor=world.coordinator, draft=draft, people=[world.member, tenant]
        )
    assert {m.person for m in draft.group.all()} == {world.coordinator, world.member}
    with pytest.raises(PermissionDenied):
        services.drafting_group_set(
            actor=world.member, draft=draft, people=[world.coordinator, tenant]
        )


@pytest.mark.parametrize(
    ("reason", "sections", "message"),
    [
        ("  ", SECTIONS, "Give a short reason"),
        ("x" * 301, SECTIONS, "300 characters"),
        ("Fine", [], "at least one section"),
        ("Fine", [SectionText("", "Text without a title")], "section 1's title"),
        ("Fine", [SectionText("T", "x" * 20_001)], "20,000 characters"),
        ("Fine", [SectionText("T", "b", key=99)], "not in the current version"),
    ],
)
def test_bad_versions_are_refused_whole(
    world: World, draft: Draft, reason: str, sections: list[SectionText], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.version_save(actor=world.member, draft=draft, sections=sections, reason=reason)
    assert draft.versions.count() == 1
    assert Contribution.objects.filter(kind=ContributionKind.SKILLS).count() == 1


def test_a_stale_edit_is_refused_not_lost(world: World, draft: Draft) -> None:
    services.version_save(
        actor=world.coordinator, draft=draft, sections=SECTIONS[:1], reason="Cut", based_on=1
    )
    with pytest.raises(ValidationError, match="Someone saved version 2 since you opened version 1"):
        services.version_save(
            actor=world.member, draft=draft, sections=SECTIONS, reason="Mine", based_on=1
        )
    assert draft.versions.count() == 2


def propose(world: World, draft: Draft, actor: Any, **given: Any) -> Amendment:
    fields: dict[str, Any] = {
        "kind": "replace",
        "section_key": keys(draft)["How to report"],
        "reason": "Not everyone can phone.",
    }
    fields.update(given)
    fields.setdefault("body", "Phone, text or call in at the office.")
    return services.amendment_propose(actor=actor, draft=draft, **fields)


def test_an_amendment_is_the_authors_idea(world: World, draft: Draft, tenant: Any) -> None:
    amendment = propose(world, draft, tenant)
    assert (amendment.title, amendment.base_version.number) == ("How to report", 1)
    entry = Contribution.objects.get(kind=ContributionKind.IDEA)
    assert (entry.contributor, entry.side, entry.quantity, entry.source_id) == (
        tenant, Side.CITIZEN, 1, amendment.pk
    )  # fmt: skip


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"reason": ""}, "Give a short reason"),
        ({"section_key": 99}, "not in the current version"),
        ({"section_key": None}, "Choose the section"),
        ({"body": ""}, "Give the proposed text"),
        ({"body": "x" * 20_001}, "20,000 characters"),
        ({"kind": "add", "title": ""}, "new section's title"),
        ({"kind": "rewrite"}, "replace, add or delete"),
    ],
)
def test_bad_amendments_are_refused(
    world: World, draft: Draft, tenant: Any, given: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        propose(world, draft, tenant, **given)
    assert not Amendment.objects.exists()
    assert not Contribution.objects.filter(kind=ContributionKind.IDEA).exists()


def test_support_is_one_each_withdrawable_and_not_the_authors(
    world: World, draft: Draft, tenant: Any
) -> None:
    amendment = propose(world, draft, tenant)
    assert services.amendment_support(actor=world.member, amendment=amendment) == 1
    assert services.amendment_support(actor=world.member, amendment=amendment) == 1
    assert services.amendment_support(actor=world.coordinator, amendment=amendment) == 2
    assert services.amendment_support(actor=world.member, amendment=amendment, support=False) == 1
    with pytest.raises(PermissionDenied):
        services.amendment_support(actor=tenant, amendment=amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_support(actor=world.outsider, amendment=amendment)
    assert list(amendment.supports.values_list("person", flat=True)) == [world.coordinator.pk]


def test_accepting_writes_the_next_version_and_a_decision_the_author_initiated(
    world: World, draft: Draft, tenant: Any
) -> None:
    amendment = propose(world, draft, tenant)
    decided = services.amendment_decide(
        actor=world.coordinator, amendment=amendment, accept=True, reason="Good for access."
    )
    assert decided.status == AmendmentStatus.ACCEPTED
    version = draft.versions.get(number=2)
    assert version.amendment == decided and version.author == world.coordinator
    assert texts(version)[1] == ("How to report", "Phone, text or call in at the office.")
    decision = Decision.objects.get()
    assert decision == decided.record
    assert (decision.initiated_by, decision.initiated_by_side) == (tenant, Side.CITIZEN)
    assert (decision.decided_by, decision.rule, decision.kind, decision.carried) == (
        DecidingBody.JOINT, DecisionRule.DELEGATED, DecisionKind.DECISION, True
    )  # fmt: skip
    assert decision.outcome == "Good for access."
    assert [(p.person, p.position) for p in decision.participants.all()] == [
        (world.coordinator, Position.PRESENT)
    ]
    # the group's edit by amendment is not a second contribution: the idea was the author's
    assert Contribution.objects.filter(kind=ContributionKind.SKILLS).count() == 1


def test_rejecting_is_an_exclusion_and_writes_no_version(
    world: World, draft: Draft, tenant: Any
) -> None:
    amendment = propose(world, draft, tenant)
    services.amendment_decide(
        actor=world.member, amendment=amendment, accept=False, reason="Out of scope."
    )
    assert draft.versions.count() == 1
    decision = Decision.objects.get()
    assert (decision.kind, decision.initiated_by) == (DecisionKind.EXCLUSION, tenant)
    with pytest.raises(ValidationError, match="already rejected"):
        services.amendment_decide(
            actor=world.member, amendment=amendment, accept=True, reason="Again"
        )


def test_only_the_group_decides(world: World, draft: Draft, tenant: Any) -> None:
    amendment = propose(world, draft, world.member)
    with pytest.raises(PermissionDenied):
        services.amendment_decide(actor=tenant, amendment=amendment, accept=True, reason="Yes")
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.OPEN and not Decision.objects.exists()


def test_an_amendment_whose_section_changed_conflicts(
    world: World, draft: Draft, tenant: Any
) -> None:
    amendment = propose(world, draft, tenant)
    first = keys(draft)
    services.version_save(
        actor=world.member,
        draft=draft,
        sections=[SectionText(s.title, s.body + " Changed.", first[s.title]) for s in SECTIONS],
        reason="Edits",
    )
    with pytest.raises(
        ValidationError, match=r"changed since it was proposed \(now version 2\)\. Ask its author"
    ):
        services.amendment_decide(
            actor=world.coordinator, amendment=amendment, accept=True, reason="Yes"
        )
    assert draft.versions.count() == 2 and not Decision.objects.exists()
    services.amendment_update(
        actor=tenant,
        amendment=amendment,
        body="Phone, text or visit.",
        reason="Brought up to date.",
    )
    services.amendment_decide(
        actor=world.coordinator, amendment=amendment, accept=True, reason="Yes"
    )
    assert texts(draft.versions.get(number=3))[1] == ("How to report", "Phone, text or visit.")


def test_an_amendment_to_a_removed_section_conflicts(
    world: World, draft: Draft, tenant: Any
) -> None:
    amendment = propose(world, draft, tenant)
    services.version_save(actor=world.member, draft=draft, sections=SECTIONS[:1], reason="Cut")
    with pytest.raises(ValidationError, match="changed since it was proposed"):
        services.amendment_decide(
            actor=world.coordinator, amendment=amendment, accept=True, reason="Yes"
        )
    with pytest.raises(ValidationError, match="not in the current version"):
        services.amendment_update(actor=tenant, amendment=amendment, body="x", reason="y")


def test_add_and_delete_amendments(world: World, draft: Draft, tenant: Any) -> None:
    added = propose(world, draft, tenant, kind="add", title="Complaints", body="Write to us.")
    deleted = propose(
        world,
        draft,
        tenant,
        kind="delete",
        section_key=keys(draft)["Who the service is for"],
        body="",
    )
    services.amendment_decide(actor=world.member, amendment=added, accept=True, reason="Yes")
    services.amendment_decide(actor=world.member, amendment=deleted, accept=True, reason="Yes")
    assert [t for t, _ in texts(draft.versions.get(number=3))] == ["How to report", "Complaints"]


def test_adoption_by_vote_names_each_member_and_makes_the_draft_read_only(
    world: World, draft: Draft, tenant: Any
) -> None:
    adopted = services.draft_adopt(
        actor=world.coordinator,
        draft=draft,
        number=1,
        rule=DecisionRule.VOTE,
        reason="Ready for the board.",
        positions={world.coordinator: Position.FOR, world.member: Position.ABSTAINED},
    )
    assert adopted.adopted_version == draft.versions.get(number=1)
    decision = adopted.adoption
    assert decision is not None
    assert decision.outcome == "Adopted: 1 for, 0 against, 1 abstaining. Ready for the board."
    assert sorted((p.person_id, p.side, p.position) for p in decision.participants.all()) == [
        (world.coordinator.pk, Side.REGULAR_PRODUCER, Position.FOR),
        (world.member.pk, Side.CITIZEN, Position.ABSTAINED),
    ]
    assert (decision.initiated_by, decision.decided_by) == (world.coordinator, DecidingBody.JOINT)
    with pytest.raises(ValidationError, match="adopted and is read-only"):
        services.version_save(actor=world.member, draft=draft, sections=SECTIONS, reason="More")
    with pytest.raises(ValidationError, match="adopted and is read-only"):
        propose(world, draft, tenant)
    assert draft.versions.count() == 1


def test_a_vote_that_fails_leaves_the_draft_open(world: World, draft: Draft) -> None:
    services.draft_adopt(
        actor=world.member,
        draft=draft,
        number=1,
        rule=DecisionRule.VOTE,
        reason="Not yet.",
        positions={world.coordinator: Position.AGAINST, world.member: Position.FOR},
    )
    draft.refresh_from_db()
    assert not draft.adopted
    assert Decision.objects.get().carried is False


def test_adoption_by_consensus_and_bad_votes(world: World, draft: Draft, tenant: Any) -> None:
    with pytest.raises(ValidationError, match="each member of the drafting group"):
        services.draft_adopt(
            actor=world.member, draft=draft, number=1, rule="vote", reason="x",
            positions={world.member: Position.FOR},
        )  # fmt: skip
    with pytest.raises(ValidationError, match="no version with that number"):
        services.draft_adopt(
            actor=world.member, draft=draft, number=7, rule="consensus", reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.draft_adopt(actor=tenant, draft=draft, number=1, rule="consensus", reason="x")
    assert not Decision.objects.exists()
    services.draft_adopt(
        actor=world.member, draft=draft, number=1, rule="consensus", reason="All agree"
    )
    decision = Decision.objects.get()
    assert sorted(p.position for p in decision.participants.all()) == [Position.PRESENT] * 2
    assert decision.rule == DecisionRule.CONSENSUS


def test_versions_are_append_only(draft: Draft) -> None:
    version = draft.versions.get()
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.sections.first().delete()  # type: ignore[union-attr]


def test_comments_name_a_current_section(world: World, draft: Draft, tenant: Any) -> None:
    comment = services.comment_add(
        actor=tenant, draft=draft, section_key=keys(draft)["How to report"], text="What about text?"
    )
    assert comment.version.number == 1
    with pytest.raises(ValidationError, match="not in the current version"):
        services.comment_add(actor=tenant, draft=draft, section_key=42, text="Hello")
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=world.outsider, draft=draft, section_key=1, text="Hello")
