"""The API's JSON parser: DRF's, with limits that keep hostile bodies from becoming 500s.

Python's JSON decoder recurses once per level of nesting, so a body of a few thousand ``[``
raised RecursionError (a 500); and a string may hold an unpaired surrogate (``"\\ud800"``),
which Python accepts but no database can store (PostgreSQL's driver raised
UnicodeEncodeError). Both are refused here, for every JSON body the API accepts, with a 400
that says what to fix.
"""

import re
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects accepted; no body of this API needs more than 4."""

# A JSON string (escapes included), and the brackets that nest
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
# \uD800–\uDFFF written as an escape: the only way a JSON text can carry a surrogate
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def nested_deeper_than(text: str, limit: int) -> bool:
    """Whether arrays and objects in this JSON text nest deeper than ``limit`` (brackets in
    strings do not count). Read without parsing, so depth cannot exhaust the stack."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub('""', text)):
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def has_unpaired_surrogate(value: Any) -> bool:
    """Whether any string in parsed JSON (keys included) holds a lone UTF-16 surrogate. A
    pair written as two escapes is decoded into one character, so any left is unpaired."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(has_unpaired_surrogate(k) or has_unpaired_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_unpaired_surrogate(item) for item in value)
    return False


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser that first refuses nesting deeper than ``MAX_DEPTH`` and then any
    string with an unpaired surrogate (400 each, with a message)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except LookupError:
            raise ParseError(
                f'Unsupported charset "{encoding}" in the Content-Type header.'
            ) from None
        except ValueError as error:  # UnicodeDecodeError
            raise ParseError(f"JSON parse error - {error}") from None
        if nested_deeper_than(text, MAX_DEPTH):
            raise ParseError(
                f"The JSON body nests arrays or objects more than {MAX_DEPTH} levels deep; "
                "send a flatter body."
            )
        try:
            parse_constant = json.strict_constant if self.strict else None
            data = json.loads(text, parse_constant=parse_constant)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        if _SURROGATE_ESCAPE.search(text) and has_unpaired_surrogate(data):
            raise ParseError(
                "A string in the JSON body holds an unpaired surrogate (such as \\ud800), "
                "which is not text; send valid Unicode."
            )
        return data
