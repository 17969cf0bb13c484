"""The one Markdown renderer: text people (or our own files) wrote, as HTML safe to show.

markdown-it renders CommonMark with raw HTML escaped, not passed through; nh3 then keeps
only an allow-list of tags and attributes, drops any URL whose scheme is not web or mail
(no ``javascript:``) and gives every link ``rel="noopener noreferrer nofollow"``. Two layers,
so a mistake in either leaves the other standing.
"""

from functools import cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def render_markdown(text: str) -> SafeString:
    """``text`` as sanitised HTML."""
    html = _parser().render(text)
    cleaned = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=LINK_REL
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
