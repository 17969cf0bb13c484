"""The one CSV writer: text that a spreadsheet would run as a formula is neutralised,
numbers the platform writes stay numbers."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import coproduce
from coproduce.core.downloads import csv_response, csv_text, neutralised

HYPERLINK = '=HYPERLINK("http://evil.example/","Click")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_text_that_starts_a_formula_gets_a_quote_before_it() -> None:
    text = csv_text(
        [
            ["title"],
            [HYPERLINK],
            [DDE],
            ["+44 20 7946 0000"],
            ["-minus"],
            ["\tTabbed"],
            ["\rReturned"],
            ["Plain = fine"],
        ]
    )
    assert _cells(text) == [
        ["title"],
        ['\'=HYPERLINK("http://evil.example/","Click")'],
        ["'@SUM(1+1)*cmd|' /C calc'!A0"],
        ["'+44 20 7946 0000"],
        ["'-minus"],
        ["'\tTabbed"],
        ["'\rReturned"],
        ["Plain = fine"],
    ]


def test_numbers_the_platform_writes_stay_numbers() -> None:
    assert csv_text([[-30, Decimal("-12.50"), 0, 1.5, None, datetime.date(2026, 3, 1)]]) == (
        "-30,-12.50,0,1.5,,2026-03-01\r\n"
    )
    assert (neutralised(-30), neutralised("-30")) == (-30, "'-30")


def test_a_download_is_an_attachment_written_by_the_same_writer() -> None:
    response = csv_response("report.csv", [["name"], [DDE]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report.csv"'
    assert _cells(response.content.decode()) == [["name"], ["'" + DDE]]


def test_no_other_code_writes_csv() -> None:
    """Every CSV download goes through ``core.downloads``; the .pb writer (pabulib's own
    format, read by counting programs, with no formulas) is the one other user of ``csv``."""
    src = Path(coproduce.__file__).parent
    writers = sorted(
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    )
    assert writers == ["budgeting/counting/pabulib.py", "core/downloads.py"]
