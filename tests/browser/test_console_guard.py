"""The browser tests' own guard: a script the content security policy refuses, or an error
thrown by a script, fails the check of the page it happened on."""

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_an_inline_script_refused_by_the_policy_fails_the_check(
    page: Any, transactional_db: Any
) -> None:
    page.visit("/")
    page.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    page.page.wait_for_timeout(200)
    assert page.page.evaluate("() => window.ran === true") is False
    with pytest.raises(AssertionError, match="Content Security Policy"):
        page.check()


def test_a_script_error_fails_the_check(page: Any, transactional_db: Any) -> None:
    page.visit("/")
    page.page.evaluate("() => { setTimeout(() => { throw new Error('broken'); }, 0); }")
    page.page.wait_for_timeout(200)
    with pytest.raises(AssertionError, match="script error: broken"):
        page.check()
