"""A newcomer's journey in a real browser, on a phone and a desktop, in English and in Welsh:
from the home page to the open vote in two clicks, an account, joining as a resident, a
ballot with the budget bar, and the result in their notifications; meanwhile a coordinator
clears their task list on My Coproduce and closes the vote. axe checks every page."""

import re
from typing import Any

import pytest
from django.core.management import call_command

from conftest import PASSWORD, World
from coproduce.budgeting.models import Ballot
from coproduce.budgeting.tests.conftest import PB, make_pb, open_voting
from coproduce.initiatives.models import Membership, MembershipStatus
from coproduce.notifications.models import Notification
from tests.browser.conftest import AccessiblePage

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# What each person reads, word for word, in each language.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Co-producing public services, together",
        "open votes": "Open votes",
        "create an account": "create an account",
        "username": "Username",
        "display name": "Display name",
        "email": "Email",
        "password": "Password",
        "password again": "Password again",
        "create my account": "Create my account",
        "account ready": "Welcome to Coproduce. Your account is ready.",
        "join": "Join this initiative",
        "resident": "Resident or service user",
        "role": "Your role",
        "no role": "Choose your role",
        "join button": "Join",
        "request sent": "Your request is sent; a coordinator will reply.",
        "sign in": "Sign in",
        "sign out": "Sign out",
        "my coproduce": "My Coproduce",
        "one task": "1 thing waiting for your decision",
        "no task": "0 things waiting for your decision",
        "requests to join": "Requests to join to approve",
        "approve": "Approve",
        "membership updated": "Membership updated.",
        "vote in north": "Vote in North",
        "ballot heading": "Vote: North",
        "bar at 0": "£0.00 of £1,000.00: £1,000.00 left",
        "bar at 300": "£300.00 of £1,000.00: £700.00 left",
        "bar at 500": "£500.00 of £1,000.00: £500.00 left",
        "save ballot": "Save my ballot",
        "ballot saved": "Your ballot is saved. You can change it until voting closes; the last "
        "one counts.",
        "counting": "Counting",
        "results": "Results",
        "move to": "Move to {}…",
        "confirm move": "Yes, move to {}",
        "moved": "The process is now in {}.",
        "count": "Count {}",
        "counted": "{} is counted.",
        "notifications": "Notifications 3 unread",
        "your notifications": "Your notifications",
        "unread": "You have 3 unread notifications.",
        "approved": "Your request to join Riverside repairs was approved.",
        "closed": "Voting has closed in Riverside decides. Thank you for voting; the count comes "
        "next.",
        "published": "The results of Riverside decides are published.",
        "results for north": "Results for North",
    },
    "cy": {
        "heading": "Cydgynhyrchu gwasanaethau cyhoeddus, gyda'n gilydd",
        "open votes": "Pleidleisiau agored",
        "create an account": "crëwch gyfrif",
        "username": "Enw defnyddiwr",
        "display name": "Enw i'w ddangos",
        "email": "Ebost",
        "password": "Cyfrinair",
        "password again": "Cyfrinair eto",
        "create my account": "Creu fy nghyfrif",
        "account ready": "Croeso i Coproduce. Mae eich cyfrif yn barod.",
        "join": "Ymuno â'r fenter hon",
        "resident": "Preswylydd neu ddefnyddiwr gwasanaeth",
        "role": "Eich rôl",
        "no role": "Dewiswch eich rôl",
        "join button": "Ymuno",
        "request sent": "Mae eich cais wedi'i anfon; bydd cydlynydd yn ateb.",
        "sign in": "Mewngofnodi",
        "sign out": "Allgofnodi",
        "my coproduce": "Fy Coproduce",
        "one task": "1 peth yn aros am eich penderfyniad",
        "no task": "0 peth yn aros am eich penderfyniad",
        "requests to join": "Ceisiadau i ymuno i'w cymeradwyo",
        "approve": "Cymeradwyo",
        "membership updated": "Aelodaeth wedi'i diweddaru.",
        "vote in north": "Pleidleisio yn North",
        "ballot heading": "Pleidleisio: North",
        "bar at 0": "£0.00 o £1,000.00: £1,000.00 ar ôl",
        "bar at 300": "£300.00 o £1,000.00: £700.00 ar ôl",
        "bar at 500": "£500.00 o £1,000.00: £500.00 ar ôl",
        "save ballot": "Cadw fy mhleidlais",
        "ballot saved": "Mae eich pleidlais wedi'i chadw. Gallwch ei newid nes i'r pleidleisio "
        "gau; yr un olaf sy'n cyfrif.",
        "counting": "Cyfrif",
        "results": "Canlyniadau",
        "move to": "Symud i {}…",
        "confirm move": "Ie, symud i {}",
        "moved": "Mae'r broses nawr yn y cam {}.",
        "count": "Cyfrif {}",
        "counted": "Mae {} wedi'i chyfrif.",
        "notifications": "Hysbysiadau 3 heb eu darllen",
        "your notifications": "Eich hysbysiadau",
        "unread": "Mae gennych chi 3 hysbysiad heb eu darllen.",
        "approved": "Mae eich cais i ymuno â Riverside repairs wedi'i gymeradwyo.",
        "closed": "Mae'r pleidleisio wedi cau yn Riverside decides. Diolch am bleidleisio; y "
        "cyfrif sy'n dod nesaf.",
        "published": "Mae canlyniadau Riverside decides wedi'u cyhoeddi.",
        "results for north": "Canlyniadau ar gyfer North",
    },
}
# English words that must not be on a Welsh page.
ENGLISH_FRAME = ("Sign out", "Skip to main content", "Notifications", "My Coproduce")


def run_worker() -> None:
    """What the background worker does: every queued task, once."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture
def voting(transactional_db: Any, world: World) -> PB:
    pb = make_pb(world)
    open_voting(pb)
    run_worker()  # the members were told that voting opened
    return pb


def said(page: Any, text: str) -> None:
    """Wait for a message on the page, word for word."""
    page.get_by_text(text, exact=True).wait_for()


def text_of(locator: Any) -> str:
    return " ".join(locator.inner_text().split())


class Person:
    """One person's browser, in one language."""

    def __init__(self, browser: Any, base_url: str, screen: str, language: str) -> None:
        self.context = browser.new_context(viewport=SCREENS[screen])
        self.context.set_default_timeout(20_000)
        self.visitor = AccessiblePage(self.context.new_page(), base_url)
        self.page = self.visitor.page
        self.words = WORDS[language]
        self.language = "en"  # until they choose Welsh

    def choose(self, language: str) -> None:
        """Choose the language as the switcher does: Django's language cookie."""
        url = self.visitor.base_url
        self.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
        self.language = language

    def check(self) -> None:
        self.visitor.check()
        if self.language == "cy":
            assert self.page.locator("html").get_attribute("lang") == "cy"
            shown = self.page.locator("body").inner_text()
            assert [words for words in ENGLISH_FRAME if words in shown] == []

    def visit(self, path: str) -> None:
        self.page.goto(self.visitor.base_url + path)
        self.check()

    def sign_in(self, username: str) -> None:
        w = self.words
        self.visit("/accounts/sign-in/")
        self.page.get_by_label(w["username"]).fill(username)
        self.page.get_by_label(re.compile(rf"^{w['password']}:?$")).fill(PASSWORD)
        self.page.get_by_role("main").get_by_role("button", name=w["sign in"]).click()
        self.page.get_by_role("button", name=w["sign out"]).wait_for()
        self.check()

    def move_to(self, process: Any, phase: str) -> None:
        """A coordinator moves the process on: the link names the phase, a second step
        confirms it."""
        w = self.words
        self.visit(f"/pb/{process.pk}/manage/")
        self.page.get_by_role("link", name=w["move to"].format(w[phase])).click()
        self.page.get_by_role("button", name=w["confirm move"].format(w[phase])).wait_for()
        self.check()
        self.page.get_by_role("button", name=w["confirm move"].format(w[phase])).click()
        said(self.page, w["moved"].format(w[phase]))
        self.check()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("screen", SCREENS)
def test_a_newcomer_finds_the_vote_joins_votes_and_hears_the_result(
    browser: Any, live_server: Any, voting: PB, screen: str, language: str
) -> None:
    newcomer = Person(browser, live_server.url, screen, language)
    cora = Person(browser, live_server.url, screen, language)
    w, p = newcomer.words, newcomer.page
    process = voting.process
    try:
        # the home page, in the newcomer's language
        newcomer.visit("/")
        if language == "cy":
            p.get_by_role("button", name="Cymraeg").click()
            p.get_by_role("heading", name=w["heading"]).wait_for()
            newcomer.language = "cy"
            newcomer.check()
            cora.choose("cy")
        assert p.get_by_role("heading", level=1).inner_text() == w["heading"]

        # two clicks: the open vote, then "create an account" beside its ballot
        votes = p.get_by_role("region", name=w["open votes"])
        votes.get_by_role("link", name="Riverside decides").click()  # one
        p.get_by_role("heading", name="Riverside decides", level=1).wait_for()
        newcomer.check()
        beside_the_ballot = p.get_by_role("region", name="North: £1,000.00")
        beside_the_ballot.get_by_role("link", name=w["create an account"]).click()  # two
        p.get_by_label(w["username"]).fill("nia")
        newcomer.check()
        p.get_by_label(w["display name"]).fill("Nia Newydd")
        p.get_by_label(w["email"]).fill("nia@example.org")
        p.get_by_label(re.compile(rf"^{w['password']}:?$")).fill("a-good-long-passphrase")
        p.get_by_label(w["password again"]).fill("a-good-long-passphrase")
        p.get_by_role("button", name=w["create my account"]).click()
        said(p, w["account ready"])
        newcomer.check()

        # joining as a resident: nothing is chosen for them
        newcomer.visit(f"/pb/{process.pk}/")
        p.get_by_role("main").locator(".meta").get_by_role("link", name="Riverside repairs").click()
        p.get_by_role("link", name=w["join"]).click()
        p.get_by_label(w["resident"]).wait_for()
        newcomer.check()
        assert not p.get_by_label(w["resident"]).is_checked()
        role = p.get_by_label(w["role"])
        assert role.locator("option:checked").inner_text() == w["no role"]
        p.get_by_label(w["resident"]).check()
        role.select_option("resident")
        p.get_by_role("button", name=w["join button"], exact=True).click()
        said(p, w["request sent"])
        newcomer.check()
        nia = Membership.objects.get(user__username="nia")
        asked = (MembershipStatus.REQUESTED, "citizen", "resident")
        assert (nia.status, nia.side, nia.role) == asked

        # the coordinator clears their task list: the request to join
        cora.sign_in("coord")
        cora.page.get_by_role("link", name=w["my coproduce"]).click()
        cora.page.get_by_role("heading", name=w["my coproduce"], level=1).wait_for()
        cora.check()
        assert cora.page.locator("#task-count").inner_text() == w["one task"]
        cora.page.get_by_role("link", name=w["requests to join"]).click()
        approve = re.compile(rf"^{w['approve']}\s+Nia Newydd")
        cora.page.get_by_role("button", name=approve).wait_for()
        cora.check()
        cora.page.get_by_role("button", name=approve).click()
        said(cora.page, w["membership updated"])
        cora.check()
        cora.page.get_by_role("link", name=w["my coproduce"]).click()
        cora.page.get_by_role("heading", name=w["my coproduce"], level=1).wait_for()
        cora.check()
        assert cora.page.locator("#task-count").inner_text() == w["no task"]
        assert cora.page.get_by_role("link", name=w["requests to join"]).count() == 0
        assert Membership.objects.get(user__username="nia").status == MembershipStatus.ACTIVE

        # the ballot, with the running budget bar
        newcomer.visit(f"/pb/{process.pk}/")
        p.get_by_role("link", name=w["vote in north"]).click()
        p.get_by_role("heading", name=w["ballot heading"]).wait_for()
        newcomer.check()
        bar = p.locator("#ballot-status")
        assert text_of(bar) == w["bar at 0"]
        p.get_by_label("Benches (£300.00)").check()
        assert text_of(bar) == w["bar at 300"]
        p.get_by_label("Murals (£200.00)").check()
        assert text_of(bar) == w["bar at 500"]
        newcomer.check()
        p.get_by_role("button", name=w["save ballot"]).click()
        said(p, w["ballot saved"])
        newcomer.check()
        assert Ballot.objects.filter(voter__username="nia", budget=voting.north).count() == 1

        # the coordinator closes the vote, counts it and publishes the results
        cora.move_to(process, "counting")
        for budget in ("North", "Whole borough"):
            cora.page.get_by_role("button", name=w["count"].format(budget)).click()
            said(cora.page, w["counted"].format(budget))
            cora.check()
        run_worker()
        cora.move_to(process, "results")
        run_worker()

        # the newcomer hears of it, in their language
        newcomer.visit("/")
        p.get_by_role("link", name=w["notifications"]).click()
        p.get_by_role("heading", name=w["your notifications"]).wait_for()
        newcomer.check()
        p.get_by_text(w["unread"]).wait_for()  # beside the link to the preferences
        told = p.locator("ul.notifications > li > p:first-child a")
        assert [text_of(one) for one in told.all()] == [w["published"], w["closed"], w["approved"]]
        assert Notification.objects.filter(recipient__username="nia").count() == 3
        told.first.click()
        p.get_by_role("link", name=w["results for north"]).wait_for()
        newcomer.check()
    finally:
        newcomer.context.close()
        cora.context.close()
