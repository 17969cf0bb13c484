"""The pages: a member rates through the form (errors summarised, the rating changed in
place), sees what they may rate, and the initiative page shows the panel."""

from django.test import Client
from django.urls import reverse

from conftest import World
from coproduce.ratings import services
from coproduce.ratings.models import Rating
from coproduce.ratings.tests.conftest import Things, as_text, rate_service


def test_a_member_rates_through_the_page(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    url = reverse("ratings:thing", args=[world.initiative.slug, "service", world.initiative.pk])
    bad = client.post(url, {"stars": "7"})
    assert bad.status_code == 400 and "There is a problem" in as_text(bad)
    assert not Rating.objects.exists()
    for stars in ("4", "2"):
        response = client.post(url, {"stars": stars, "comment": "Fine", "anonymous": "on"})
        assert response.status_code == 302
    assert list(Rating.objects.values_list("stars", "comment", "anonymous")) == [(2, "Fine", True)]
    page = as_text(client.get(url))
    assert 'value="2"' in page and "checked" in page and response["Location"] == url


def test_the_overview_lists_what_a_person_may_rate(world: World, things: Things) -> None:
    client = Client()
    client.force_login(things.volunteer)
    page = as_text(client.get(reverse("ratings:overview", args=[world.initiative.slug])))
    assert page.count(f'href="/initiatives/{world.initiative.slug}/ratings/') >= 4
    assert "Garden helper, shift of" in page and "New benches" in page
    assert "Peer-support session of" not in page


def test_the_initiative_page_shows_the_panel(world: World) -> None:
    page = as_text(Client().get(reverse("initiatives:detail", args=[world.initiative.slug])))
    assert "Ratings and feedback" in page and "No one has rated the service yet." in page


def test_the_pages_in_welsh(world: World, things: Things) -> None:
    rated = rate_service(world, [5, 4, 4, 3, 2])
    said = services.rating_give(
        actor=world.member, thing=things.service, stars=1, comment="Slow.", anonymous=True
    )
    services.feedback_answer(actor=world.coordinator, rating=said, text="Faster now.")
    client = Client()
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "cy"
    slug = world.initiative.slug
    thing = as_text(
        client.get(reverse("ratings:thing", args=[slug, "service", world.initiative.pk]))
    )
    assert (
        "<strong>6 sgôr.</strong>" in thing and "Cymedr: <strong>3.17 o 5 seren</strong>" in thing
    )
    assert "Dienw" in thing and "Gwnaethom ni:" in thing and "Newid yr ateb" in thing
    overview = as_text(client.get(reverse("ratings:overview", args=[slug])))
    assert "<h1>Sgorau ac adborth</h1>" in overview and "(1 ateb)" in overview
    assert '<span class="meta">(gwasanaeth)</span>' in overview
    said_page = as_text(client.get(reverse("ratings:you_said_we_did", args=[slug])))
    assert "<strong>Dywedoch chi:</strong> Slow." in said_page
    answer = client.post(reverse("ratings:answer", args=[slug, said.pk]), {"text": ""})
    assert answer.status_code == 400 and "Mae problem" in as_text(answer)
    detail = as_text(client.get(reverse("initiatives:detail", args=[slug])))
    assert "Mae gan y gwasanaeth 6 sgôr, 3.17 o 5 seren ar gyfartaledd." in detail
    for page in (thing, overview, said_page, detail):
        for english in ("Ratings and feedback", "You said, we did", "of 5 stars", "Anonymous"):
            assert english not in page
    assert len(rated) == 5
