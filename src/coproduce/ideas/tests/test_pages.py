"""The ideas pages: post (with a picture), list with filters, support, comment, moderate,
merge, answer, the moderation log; hidden text withheld from everyone but coordinators."""

from django.test import Client

from conftest import World
from coproduce.ideas import services
from coproduce.ideas.models import Comment, Idea, ModerationEntry, Support
from coproduce.ideas.tests.conftest import members, photo, post, text
from coproduce.record.models import Decision


def page(world: World, tail: str = "") -> str:
    return f"/initiatives/{world.initiative.slug}/ideas/{tail}"


def test_a_member_posts_an_idea_with_a_picture(world: World, client: Client) -> None:
    client.force_login(world.member)
    fields = {"title": "Benches", "text": "By the river.", "category": "places"}
    without_words = client.post(page(world, "new/"), {**fields, "image": photo()})
    assert without_words.status_code == 400
    assert "Say in a few words what the picture shows" in text(without_words)
    assert Idea.objects.count() == 0
    done = client.post(
        page(world, "new/"), {**fields, "image": photo(), "image_alt": "A bench"}, follow=True
    )
    idea = Idea.objects.get()
    assert done.redirect_chain[-1][0] == page(world, f"{idea.pk}/")
    assert "Your idea is posted." in text(done)
    picture = client.get(page(world, f"{idea.pk}/picture/"))
    assert (picture.status_code, picture["Content-Type"]) == (200, "image/jpeg")


def test_non_members_cannot_post(world: World, client: Client) -> None:
    assert client.get(page(world, "new/")).status_code == 302
    client.force_login(world.outsider)
    assert client.get(page(world, "new/")).status_code == 403
    fields = {"title": "Spam", "text": "Spam", "category": "other"}
    assert client.post(page(world, "new/"), fields).status_code == 403
    assert Idea.objects.count() == 0


def test_list_filters_and_sorts(world: World, client: Client) -> None:
    benches = post(world, title="Benches")
    post(world, title="Lights", category="environment")
    for person in members(world, 2):
        services.idea_support(actor=person, idea=benches)
    newest = text(client.get(page(world)))
    assert newest.index("Lights") < newest.index("Benches")
    supported = text(client.get(page(world), {"sort": "supported"}))
    assert supported.index("Benches") < supported.index("Lights")
    assert "2 supporters" in supported
    only = text(client.get(page(world), {"category": "environment"}))
    assert "Lights" in only and "Benches</a>" not in only
    hostile = client.get(page(world), {"status": "<script>alert(1)</script>", "page": "x"})
    assert hostile.status_code == 200
    assert "<script>alert(1)" not in text(hostile)


def test_support_comment_and_withdraw_on_the_idea_page(world: World, client: Client) -> None:
    idea = post(world)
    (other,) = members(world, 1)
    client.force_login(other)
    client.post(page(world, f"{idea.pk}/support/"))
    assert "1 supporter" in text(client.get(page(world, f"{idea.pk}/")))
    client.post(page(world, f"{idea.pk}/"), {"text": "Yes please"})
    assert Comment.objects.get().text == "Yes please"
    client.post(page(world, f"{idea.pk}/unsupport/"))
    assert Support.objects.count() == 0
    client.force_login(world.member)  # the author
    detail = text(client.get(page(world, f"{idea.pk}/")))
    assert "Support this idea" not in detail
    assert client.post(page(world, f"{idea.pk}/support/")).status_code == 403
    assert Support.objects.count() == 0


def test_hidden_items_show_the_reason_in_place_of_their_text(world: World, client: Client) -> None:
    idea = post(world, title="Secret title", text="Secret text")
    comment = services.idea_comment(actor=world.member, idea=idea, text="Secret comment")
    client.force_login(world.coordinator)
    client.post(page(world, f"{idea.pk}/moderate/"), {"reason": "Names a neighbour."})
    client.post(page(world, f"comments/{comment.pk}/moderate/"), {"reason": "Abusive."})
    coordinator_view = text(client.get(page(world, f"{idea.pk}/")))
    assert "Secret text" in coordinator_view and "Secret comment" in coordinator_view
    for person in (None, world.member, world.staff, world.outsider):
        if person is None:
            client.logout()
        else:
            client.force_login(person)
        for tail in ("", f"{idea.pk}/", "moderation-log/"):
            shown = text(client.get(page(world, tail)))
            assert "Secret" not in shown, (person, tail)
        detail = text(client.get(page(world, f"{idea.pk}/")))
        assert "Hidden by the coordinators:</strong> Names a neighbour." in detail
        assert "Hidden by the coordinators:</strong> Abusive." in detail
    log = text(client.get(page(world, "moderation-log/")))
    assert "Names a neighbour." in log and "Abusive." in log


def test_a_hidden_ideas_picture_is_served_to_coordinators_only(
    world: World, client: Client
) -> None:
    idea = post(world, image=photo(), image_alt="A bench")
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Shows a face.")
    client.force_login(world.member)
    assert client.get(page(world, f"{idea.pk}/picture/")).status_code == 404
    client.force_login(world.coordinator)
    assert client.get(page(world, f"{idea.pk}/picture/")).status_code == 200


def test_moderation_pages_are_for_coordinators(world: World, client: Client) -> None:
    idea = post(world)
    for person in (world.member, world.staff, world.other_coordinator):
        client.force_login(person)
        for tail in ("moderate/", "merge/", "answer/"):
            assert client.get(page(world, f"{idea.pk}/{tail}")).status_code == 404
            assert client.post(page(world, f"{idea.pk}/{tail}"), {"reason": "x"}).status_code == 404
    assert ModerationEntry.objects.count() == 0
    assert Idea.objects.get().hidden_reason == ""


def test_a_coordinator_merges_and_answers(world: World, client: Client) -> None:
    kept, duplicate = post(world, title="Benches"), post(world, title="Seats")
    client.force_login(world.coordinator)
    empty = client.post(page(world, f"{duplicate.pk}/merge/"), {"into": kept.pk, "reason": ""})
    assert empty.status_code == 400
    merged = client.post(
        page(world, f"{duplicate.pk}/merge/"), {"into": kept.pk, "reason": "Same thing."}
    )
    assert merged.status_code == 302
    assert Idea.objects.get(pk=duplicate.pk).merged_into == kept
    refused = client.post(page(world, f"{kept.pk}/answer/"), {"status": "not_taken_forward"})
    assert refused.status_code == 400
    assert "Say why the idea is not taken forward." in text(refused)
    assert Decision.objects.count() == 0
    client.post(page(world, f"{kept.pk}/answer/"), {"status": "into_design"})
    assert Idea.objects.get(pk=kept.pk).status == "into_design"
    detail = text(client.get(page(world, f"{kept.pk}/")))
    assert "Taken into design" in detail


def test_the_panel_counts_ideas(world: World, client: Client) -> None:
    post(world)
    shown = text(client.get(f"/initiatives/{world.initiative.slug}/"))
    assert "1 idea, 0 answered by the coordinators." in shown


def test_a_members_only_initiatives_ideas_are_not_found(world: World, client: Client) -> None:
    idea = post(world)
    world.initiative.visibility = "members"
    world.initiative.save()
    client.force_login(world.outsider)
    for tail in ("", "new/", "moderation-log/", f"{idea.pk}/", f"{idea.pk}/picture/"):
        assert client.get(page(world, tail)).status_code == 404, tail
    assert client.post(page(world, f"{idea.pk}/support/")).status_code == 404
    client.force_login(world.member)
    assert client.get(page(world, f"{idea.pk}/")).status_code == 200


def test_answering_into_a_pb_budget_makes_a_proposal_linked_both_ways(
    world: World, client: Client
) -> None:
    from coproduce.budgeting.models import Proposal
    from coproduce.budgeting.services import phase_advance
    from coproduce.budgeting.tests.conftest import make_pb

    idea = post(world, title="Cycle racks")
    pb = make_pb(world)
    before = Proposal.objects.count()
    client.force_login(world.coordinator)
    url = page(world, f"{idea.pk}/answer/")
    form = text(client.get(url))
    assert f'<option value="{pb.north.pk}">Riverside decides: North (£1,000.00)</option>' in form
    no_cost = client.post(url, {"status": "into_pb", "budget": pb.north.pk})
    assert no_cost.status_code == 400
    assert "Give the estimated cost of the idea as a proposal." in text(no_cost)
    done = client.post(
        url, {"status": "into_pb", "budget": pb.north.pk, "estimated_cost": "123.45"}
    )
    assert (done.status_code, done["Location"]) == (302, page(world, f"{idea.pk}/"))
    proposal = Proposal.objects.order_by("-id").first()
    assert proposal is not None and Proposal.objects.count() == before + 1
    assert (proposal.title, proposal.estimated_cost) == ("Cycle racks", 12_345)
    shown = text(client.get(page(world, f"{idea.pk}/")))
    assert f': now the proposal <a href="/pb/proposals/{proposal.pk}/">Cycle racks</a>' in shown
    back = text(client.get(f"/pb/proposals/{proposal.pk}/"))
    assert f'From <a href="{page(world, f"{idea.pk}/")}">idea #{idea.pk}</a>' in back
    phase_advance(actor=world.coordinator, process=pb.process)
    other = post(world, title="Benches")
    closed = client.post(
        page(world, f"{other.pk}/answer/"),
        {"status": "into_pb", "budget": pb.north.pk, "estimated_cost": "5"},
    )
    assert closed.status_code == 400
    assert "is not taking proposals (it is in its feasibility review phase)" in text(closed)
    assert Proposal.objects.count() == before + 1


def test_the_idea_pages_in_welsh(world: World, client: Client) -> None:
    idea = post(world, title="Cycle racks")
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    shown = text(client.get(page(world, f"{idea.pk}/")))
    assert "<h2>Statws</h2>" in shown
    assert "Ateb y syniad hwn" in shown and "Cuddio'r syniad hwn" in shown
    for english in ("Answer this idea", "Hide this idea", "No comments yet.", "Moderation log"):
        assert english not in shown
    refused = client.post(page(world, f"{idea.pk}/answer/"), {"status": "into_pb"})
    assert refused.status_code == 400
    assert "Dewiswch y gyllideb PB y mae&#x27;r syniad yn mynd iddi." in text(refused)
