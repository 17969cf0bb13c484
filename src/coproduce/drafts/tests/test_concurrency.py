"""Two members of the drafting group accepting two amendments at the same moment, on
PostgreSQL: two consecutive versions, the second holding both changes; nothing lost."""

from typing import Any

from conftest import World, add_member, hammer, make_initiative, make_user, postgresql_only
from coproduce.core.vocabulary import Role, Side
from coproduce.drafts import selectors, services
from coproduce.drafts.models import AmendmentStatus
from coproduce.drafts.tests.conftest import keys, write_draft

pytestmark = postgresql_only("concurrency is tested on PostgreSQL, the production database")


def test_two_acceptances_at_once_give_two_consecutive_versions(transactional_db: Any) -> None:
    coordinator, member, tenant = make_user("coord"), make_user("member"), make_user("tenant")
    initiative = make_initiative(coordinator)
    add_member(initiative, member)
    add_member(initiative, tenant, side=Side.CITIZEN, role=Role.SERVICE_USER)
    world = World(initiative, initiative.stages.get(), initiative, initiative.stages.get(),
                  coordinator, member, tenant, coordinator, coordinator)  # fmt: skip
    draft = write_draft(world)
    sections = keys(draft)
    first = services.amendment_propose(
        actor=tenant, draft=draft, kind="replace", section_key=sections["Who the service is for"],
        body="Every tenant.", reason="Wider",
    )  # fmt: skip
    second = services.amendment_propose(
        actor=tenant, draft=draft, kind="replace", section_key=sections["How to report"],
        body="Phone or text.", reason="Easier",
    )  # fmt: skip
    deciders = [(coordinator, first), (member, second)]
    results = hammer(
        2,
        lambda i: services.amendment_decide(
            actor=deciders[i][0], amendment=deciders[i][1], accept=True, reason="Yes"
        ),
    )
    assert all(r.status == AmendmentStatus.ACCEPTED for r in results), results
    assert sorted(draft.versions.values_list("number", flat=True)) == [1, 2, 3]
    latest = selectors.latest_version(draft)
    assert [(s.title, s.body) for s in selectors.sections_of(latest)] == [
        ("Who the service is for", "Every tenant."),
        ("How to report", "Phone or text."),
    ]
