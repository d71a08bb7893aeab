"""TimeML I/O: read gold TIMEX3 annotations, write tagger output as inline TimeML.

`parse_timeml` turns a TimeML document into plain text plus stand-off annotations
whose offsets index that text; `render_timeml` does the reverse for tagger output.
Both go through the standard-library XML parser and escaper, so entities,
CDATA and character references are handled by the XML rules, not by hand.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from pydantic import BaseModel, ConfigDict

from timeline.models import Document, Timex, TimexType


class GoldTimex(BaseModel):
    """A TIMEX3 annotation from a TimeML file; `start`/`end` index `TimeMLDocument.text`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tid: str | None = None
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None


class TimeMLDocument(BaseModel):
    """A TimeML document: its id, creation time (DCT), title and TEXT with the TIMEX3s found in it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str | None = None
    dct: date | None = None
    title: str | None = None
    text: str
    timexes: list[GoldTimex]


# Corpus DCTs are not always zero-padded (`2013-12-4`) and may carry a time part.
_DCT_VALUE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)")

# Code points XML 1.0 can carry at all (even as character references); see its `Char` production.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(root: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((element for element in root if _local_name(element.tag) == name), None)


def _parse_dct(element: ElementTree.Element | None) -> date | None:
    if element is None:
        return None
    timex = next((child for child in element.iter() if _local_name(child.tag) == "TIMEX3"), None)
    raw = (timex.get("value") if timex is not None else None) or "".join(element.itertext()).strip()
    if not raw:
        return None
    match = _DCT_VALUE.match(raw.strip())
    if match is None:
        raise ValueError(f"DCT value {raw!r} is not a date (expected YYYY-MM-DD)")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise ValueError(f"DCT value {raw!r} is not a valid date: {error}") from None


def _gold_timex(element: ElementTree.Element, start: int, text: str) -> GoldTimex:
    tid = element.get("tid")
    label = f"TIMEX3 {tid!r}" if tid else f"TIMEX3 at offset {start}"
    type_name = element.get("type")
    if type_name not in TimexType.__members__:
        raise ValueError(f"{label} has type {type_name!r}; expected one of {', '.join(TimexType.__members__)}")
    value = element.get("value")
    if value is None:
        raise ValueError(f"{label} has no value attribute")
    return GoldTimex(
        tid=tid,
        start=start,
        end=start + len(text),
        text=text,
        type=TimexType(type_name),
        value=value.strip(),
        mod=element.get("mod") or None,
        quant=element.get("quant") or None,
        freq=element.get("freq") or None,
    )


def _flatten(element: ElementTree.Element, pieces: list[str], offset: int, timexes: list[GoldTimex]) -> int:
    """Append the text inside `element` (tags dropped) to `pieces`, collecting TIMEX3s; return the new offset."""
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, pieces, offset, timexes)
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    if _local_name(element.tag) == "TIMEX3":
        timexes.append(_gold_timex(element, start, "".join(element.itertext())))
    return offset


def _parse_xml(xml: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        # Corpus files sometimes carry a bare `&` ("Angkot 56 & 461"); repairing only that defect
        # keeps such files usable, while any other error is reported as it is.
        repaired = _BARE_AMPERSAND.sub("&amp;", xml)
        if repaired != xml:
            try:
                return ElementTree.fromstring(repaired)
            except ElementTree.ParseError:
                pass
        raise ValueError(f"malformed XML: {error}") from None


def parse_timeml(xml: str) -> TimeMLDocument:
    """Parse a TimeML document; raise `ValueError` naming the problem when it is malformed.

    `text` is the TEXT element's content with inner tags removed and entities unescaped,
    exactly as the XML parser reports it (leading/trailing newlines included), and every
    timex's `start`/`end` index it. Read leniently, as corpus files need: a DCT such as
    `2013-12-4`, and a bare `&` that is not the start of an entity reference.
    """
    root = _parse_xml(xml)
    text_element = _child(root, "TEXT")
    if text_element is None:
        raise ValueError("no TEXT element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(text_element, pieces, 0, timexes)
    timexes.sort(key=lambda timex: (timex.start, timex.end))
    doc_id_element = _child(root, "DOCID")
    title_element = _child(root, "TITLE")
    return TimeMLDocument(
        doc_id=("".join(doc_id_element.itertext()).strip() or None) if doc_id_element is not None else None,
        dct=_parse_dct(_child(root, "DCT")),
        title=("".join(title_element.itertext()).strip() or None) if title_element is not None else None,
        text="".join(pieces),
        timexes=timexes,
    )


def _escape_text(text: str) -> str:
    # A literal CR would be normalised to LF by any XML parser; a character reference survives.
    return escape(text).replace("\r", "&#13;")


def _timex_tag(tid: str, timex: Timex) -> str:
    attributes = {"tid": tid, "type": timex.type.value, "value": timex.value}
    if timex.mod is not None:
        attributes["mod"] = timex.mod.value
    if timex.quant is not None:
        attributes["quant"] = timex.quant
    if timex.freq is not None:
        attributes["freq"] = timex.freq
    rendered = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
    return f"<TIMEX3 {rendered}>"


def _check_renderable(document: Document, timexes: list[Timex]) -> None:
    for field, value in (("id", document.id), ("title", document.title or ""), ("text", document.text)):
        bad = _NOT_XML_CHAR.search(value)
        if bad is not None:
            raise ValueError(
                f"document {document.id!r}: character U+{ord(bad[0]):04X} at offset {bad.start()} of its {field} "
                "cannot be written in XML"
            )
    previous_end = 0
    for timex in timexes:
        if not previous_end <= timex.start < timex.end <= len(document.text):
            raise ValueError(f"document {document.id!r}: timex {timex.id!r} [{timex.start}, {timex.end}) overlaps or is out of range")
        if document.text[timex.start : timex.end] != timex.text:
            raise ValueError(f"document {document.id!r}: timex {timex.id!r} text does not match the document at its offsets")
        previous_end = timex.end


def render_timeml(document: Document, timexes: list[Timex]) -> str:
    """Render `document` with inline TIMEX3 tags (tids t1, t2, ... in text order).

    `timexes` must be sorted and non-overlapping with offsets into `document.text`.
    Stripping the tags and unescaping gives back `document.text` exactly; a text holding
    a code point XML 1.0 cannot represent (e.g. NUL) raises `ValueError`.
    """
    ordered = sorted(timexes, key=lambda timex: (timex.start, timex.end))
    _check_renderable(document, ordered)
    body: list[str] = []
    cursor = 0
    for number, timex in enumerate(ordered, start=1):
        body.append(_escape_text(document.text[cursor : timex.start]))
        body.append(_timex_tag(f"t{number}", timex))
        body.append(_escape_text(timex.text))
        body.append("</TIMEX3>")
        cursor = timex.end
    body.append(_escape_text(document.text[cursor:]))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>", f"<DOCID>{_escape_text(document.id)}</DOCID>"]
    if document.published is not None:
        dct = document.published.isoformat()
        lines.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>'
        )
    if document.title:
        lines.append(f"<TITLE>{_escape_text(document.title)}</TITLE>")
    lines.append(f"<TEXT>{''.join(body)}</TEXT>")
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"
