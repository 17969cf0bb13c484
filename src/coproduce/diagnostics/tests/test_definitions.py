"""Every figure of the contract has its definition, written once."""

from pathlib import Path

from coproduce.diagnostics.definitions import SOURCE, Definition, definition, definitions

DOCS = Path(__file__).resolve().parents[4] / "docs" / "diagnostics.md"

FIGURES = [
    "typology.minutes",
    "typology.community_share",
    "typology.category",
    "typology.declared",
    "typology.bovaird_cell",
    "power.decisions",
    "power.initiated_share",
    "power.decided_share",
    "power.citizen_voice_share",
    "power.initiation_hhi",
    "power.exclusions",
    "power.mode",
    "burden.people",
    "burden.minutes",
    "burden.gini",
    "burden.top_decile_share",
    "burden.over_cap",
    "value.by_side",
    "value.by_organisation_kind",
    "value.cofinancing_citizen_share",
    "shared_understanding.goals",
    "shared_understanding.co_proposed_share",
    "shared_understanding.agreed_by_both_share",
    "inclusion.representativeness",
]


def test_every_figure_has_a_definition_in_plain_words() -> None:
    found = definitions()
    for key in FIGURES:
        assert len(found[key].text.split()) >= 10, key
    assert definition("burden.gini").title == "Inequality of load"
    assert definition("power.mode").anchor == "def-power-mode"


def test_the_documentation_is_the_same_file() -> None:
    assert DOCS.resolve() == SOURCE.resolve()


def test_raw_html_in_a_definition_is_escaped() -> None:
    html = Definition("x", "X", "A <script>alert(1)</script> **bold**").html
    assert html == "<p>A &lt;script&gt;alert(1)&lt;/script&gt; <strong>bold</strong></p>\n"
