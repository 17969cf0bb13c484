"""The shared Markdown renderer keeps people's text inert, and the word diff marks what
changed with text a screen reader says."""

from coproduce.core.markdown import render_markdown
from coproduce.drafts.diff import Piece, word_diff

HOSTILE = (
    '<script>alert("x")</script>\n\n<img src=x onerror="alert(1)">\n\n'
    "[click](javascript:alert(1)) [site](https://example.org) "
    '<a href="javascript:alert(2)">raw</a>\n\n**bold** and *em*'
)


def test_raw_html_and_script_urls_never_come_through() -> None:
    html = render_markdown(HOSTILE)
    assert "<script" not in html and "onerror=" not in html
    assert "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html  # shown as text, as typed
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>' in html
    assert "<strong>bold</strong> and <em>em</em>" in html


def test_word_diff_keeps_removes_and_adds_in_reading_order() -> None:
    assert word_diff("Phone the repairs line", "Phone or text the repairs line") == [
        Piece("same", "Phone "),
        Piece("added", "or text "),
        Piece("same", "the repairs line"),
    ]
    assert word_diff("Call by 5", "Call by 6") == [
        Piece("same", "Call by "),
        Piece("removed", "5"),
        Piece("added", "6"),
    ]
