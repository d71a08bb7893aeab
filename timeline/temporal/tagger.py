"""`tag()`: the TIMEX3 tagger for Indonesian news — recognition, then resolution in document order."""

from __future__ import annotations

from datetime import date

from timeline.models import Timex
from timeline.temporal.recognize import recognize
from timeline.temporal.resolve import resolve_all


def tag(text: str, dct: date | None = None, document_id: str = "doc") -> list[Timex]:
    """Every temporal expression in `text`, sorted by offset, non-overlapping, resolved against `dct`.

    Without a DCT, values that depend on it stay underspecified (XXXX-09-13, XXXX-WXX-3).
    """
    return resolve_all(recognize(text), text, dct, document_id)
