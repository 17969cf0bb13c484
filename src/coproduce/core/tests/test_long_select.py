"""LongSelect writes the same select as Django's own Select, escaping as it does."""

from django import forms
from django.test.html import parse_html

from coproduce.core.forms import LongSelect

CHOICES = [("", "Anywhere"), ("Ely", "Ely"), ('<b>"Q"</b> & Co', '<b>"Q"</b> & Co'), ("7", "Seven")]


class Both(forms.Form):
    django_select = forms.ChoiceField(choices=CHOICES, required=False, label="Place")
    long_select = forms.ChoiceField(
        choices=CHOICES, required=False, label="Place", widget=LongSelect
    )


def _pair(data: dict[str, str] | None) -> tuple[str, str]:
    form = Both(data)
    form.is_valid()
    django_html = str(form["django_select"]).replace("django_select", "NAME")
    long_html = str(form["long_select"]).replace("long_select", "NAME")
    return django_html, long_html


def test_the_markup_is_django_selects_with_nothing_chosen() -> None:
    django_html, long_html = _pair(None)
    assert parse_html(long_html) == parse_html(django_html)
    assert long_html.count("<option") == 4
    assert "&lt;b&gt;&quot;Q&quot;&lt;/b&gt; &amp; Co" in long_html
    assert "selected" in long_html.split("</option>")[0]  # the empty choice, as Django's


def test_the_chosen_option_and_errors_are_marked_as_django_marks_them() -> None:
    for data in (
        {"django_select": "7", "long_select": "7"},
        {"django_select": "x", "long_select": "x"},
    ):
        django_html, long_html = _pair(data)
        assert parse_html(long_html) == parse_html(django_html)
    chosen = _pair({"django_select": "7", "long_select": "7"})[1]
    assert '<option value="7" selected>Seven</option>' in chosen
    assert chosen.count(" selected") == 1
    invalid = _pair({"django_select": "x", "long_select": "x"})[1]
    assert 'aria-invalid="true"' in invalid
