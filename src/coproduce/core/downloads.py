"""The one CSV writer of the platform: every CSV anyone can download is written here.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) as a formula, so a proposal titled ``=HYPERLINK(…)`` would run
in the coordinator's spreadsheet. Text cells that begin so get a single quote before them
(OWASP's advice on CSV injection); the quote shows that the cell is text. Numbers the
platform writes itself (``int``, ``Decimal``, ``Fraction``, ``float``) are written as
numbers, so a negative quantity stays a negative number. The pabulib ``.pb`` format has no
formulas and is read by counting programs, so ``.pb`` files are written exactly
(``budgeting.counting.pabulib``), not here.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBERS = (int, float, Decimal, Fraction)


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutralised(cell: Any) -> Any:
    """The cell as a spreadsheet should show it: text that would start a formula gets a
    single quote before it; numbers, dates and empty cells are left as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    if isinstance(cell, NUMBERS) or cell is None:  # bool is an int
        return cell
    text = str(cell)  # a date, a lazy translation: text from here on
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter:
    """``csv.writer``'s rows, each cell neutralised first."""

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralised(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows (the first being the header) as CSV text."""
    out = io.StringIO()
    CsvWriter(out).writerows(rows)
    return out.getvalue()


def csv_response(filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """Rows (the first being the header) as a CSV download named ``filename``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    CsvWriter(response).writerows(rows)
    return response
