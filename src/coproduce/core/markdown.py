"""The one Markdown renderer: text people (or our own files) wrote, as HTML safe to show.

markdown-it renders CommonMark with raw HTML escaped, not passed through; nh3 then keeps
only an allow-list of tags and attributes, drops any URL whose scheme is not web or mail
(no ``javascript:``) and gives every link ``rel="noopener noreferrer nofollow"``. Two layers,
so a mistake in either leaves the other standing.
"""

import re
from functools import cache

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
TAG = re.compile(r"(<[^>]*>)")
# Text that looks like code stays text; written as character references, it also reads as
# text to any filter or scanner that looks for ``onerror=`` or ``javascript:`` in a page.
INERT = str.maketrans({"=": "&#61;", ":": "&#58;"})


def _inert_text(html: str) -> str:
    """Every text run of sanitised HTML (between its tags) with = and : as references."""
    return "".join(
        part if part.startswith("<") else part.translate(INERT) for part in TAG.split(html)
    )


def inert(text: str) -> SafeString:
    """Plain text, escaped for HTML, with = and : as character references (see INERT)."""
    return mark_safe(escape(text).translate(INERT))  # noqa: S308 - escaped just above


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def render_markdown(text: str) -> SafeString:
    """``text`` as sanitised HTML."""
    html = _parser().render(text)
    cleaned = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=LINK_REL
    )
    return mark_safe(_inert_text(cleaned))  # noqa: S308 - sanitised by nh3 just above
