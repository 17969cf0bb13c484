"""Playwright driving Debian's Chromium, with axe-core checking every page it visits."""

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("COPRODUCE_REQUIRE_BROWSER"):
            pytest.fail("Debian's chromium is required: apt-get install chromium")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are synchronous and safe.
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class AccessiblePage:
    """A page whose every visit is checked by axe-core for WCAG 2.2 AA violations, and for
    what the browser's console reports: anything the content security policy refused, and
    any error thrown by our scripts."""

    def __init__(self, page: Any, base_url: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.page, self.base_url, self.axe = page, base_url, Axe()
        self.checked: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"script error: {error}"))

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.console_errors.append(message.text)

    def check(self) -> None:
        results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        self.checked.append(self.page.url)
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"
        assert self.console_errors == [], f"{self.page.url}: {self.console_errors}"

    def visit(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def sign_in(self, username: str, password: str) -> None:
        import re

        self.visit("/accounts/sign-in/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label(re.compile(r"^Password:?$")).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.get_by_role("heading", name="Co-producing public services, together").wait_for()


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Opens pages in separate browser sessions (one per person), closed at the end."""
    contexts: list[Any] = []

    def open_one() -> AccessiblePage:
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
        context.set_default_timeout(20_000)
        contexts.append(context)
        return AccessiblePage(context.new_page(), live_server.url)

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Any) -> AccessiblePage:
    return open_page()


def fill(page: Any, fields: dict[str, str]) -> None:
    """Type each value into the field its label names."""
    for label, value in fields.items():
        page.get_by_label(label).fill(value)


def a_photo(folder: Path) -> Path:
    """A small JPEG to upload, as a phone's camera would give one."""
    from PIL import Image

    picture = folder / "door.jpg"
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(out, format="JPEG")
    picture.write_bytes(out.getvalue())
    return picture
