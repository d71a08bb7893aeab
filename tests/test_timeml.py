from __future__ import annotations

import hashlib
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.models import Document, Timex, TimexAnchor, TimexMod, TimexType
from timeline.timeml import GoldTimex, parse_timeml, render_timeml

SMALL = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>uji-1</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2013-12-4" functionInDocument="CREATION_TIME">Rabu, 4 Desember 2013</TIMEX3></DCT>
<TITLE>Banjir &amp; Longsor</TITLE>
<TEXT>Hujan turun <TIMEX3 tid="t1" type="DATE" value="2013-12-03">Selasa (3/12)</TIMEX3> &lt;malam&gt; selama <TIMEX3 tid="t2" type="DURATION" value="PT3H" mod="MORE_THAN">lebih dari tiga jam</TIMEX3> <![CDATA[a<b]]> setiap <TIMEX3 tid="t3" type="SET" value="P1Y" quant="EVERY" freq="1X">tahun</TIMEX3>.</TEXT>
</TimeML>
"""


def test_parse_small_document() -> None:
    parsed = parse_timeml(SMALL)
    assert parsed.doc_id == "uji-1"
    assert parsed.dct == date(2013, 12, 4)
    assert parsed.title == "Banjir & Longsor"
    assert parsed.text == "Hujan turun Selasa (3/12) <malam> selama lebih dari tiga jam a<b setiap tahun."
    assert [parsed.text[t.start : t.end] for t in parsed.timexes] == ["Selasa (3/12)", "lebih dari tiga jam", "tahun"]
    assert parsed.timexes[0] == GoldTimex(tid="t1", start=12, end=25, text="Selasa (3/12)", type=TimexType.DATE, value="2013-12-03")
    assert parsed.timexes[1].mod == "MORE_THAN"
    assert (parsed.timexes[2].quant, parsed.timexes[2].freq) == ("EVERY", "1X")


def test_nested_markup_is_dropped_but_timex_offsets_hold() -> None:
    xml = '<TimeML><TEXT>Ia <EVENT eid="e1">tiba</EVENT> <TIMEX3 tid="t1" type="DATE" value="2014"><SIGNAL>tahun</SIGNAL> 2014</TIMEX3></TEXT></TimeML>'
    parsed = parse_timeml(xml)
    assert parsed.text == "Ia tiba tahun 2014"
    assert parsed.doc_id is None and parsed.dct is None and parsed.title is None
    (timex,) = parsed.timexes
    assert (timex.start, timex.end, timex.text) == (8, 18, "tahun 2014")


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<TimeML><TEXT>tanpa penutup</TimeML>", "malformed XML"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "no TEXT element"),
        ('<TimeML><TEXT><TIMEX3 tid="t1" type="DAY" value="2014">2014</TIMEX3></TEXT></TimeML>', "type 'DAY'"),
        ('<TimeML><TEXT><TIMEX3 tid="t1" type="DATE">2014</TIMEX3></TEXT></TimeML>', "no value"),
        ('<TimeML><DCT><TIMEX3 value="kemarin">kemarin</TIMEX3></DCT><TEXT>x</TEXT></TimeML>', "DCT value 'kemarin'"),
        ('<TimeML><DCT><TIMEX3 value="2013-02-30">x</TIMEX3></DCT><TEXT>x</TEXT></TimeML>', "not a valid date"),
    ],
)
def test_malformed_documents_raise_value_error(xml: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_timeml(xml)


def _document(text: str, published: date | None = date(2023, 9, 13), title: str | None = None) -> Document:
    return Document(
        id="uji",
        text=text,
        published=published,
        title=title,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def _timex(text: str, start: int, end: int, **fields: object) -> Timex:
    values = {"type": TimexType.DATE, "value": "2023-09-13", "anchor": TimexAnchor.DCT} | fields
    return Timex(id=f"uji-{start}", document_id="uji", start=start, end=end, text=text[start:end], **values)


def _strip_tags(rendered: str) -> str:
    body = re.search(r"<TEXT>(.*)</TEXT>", rendered, re.S)
    assert body is not None
    return unescape(re.sub(r"<[^>]*>", "", body[1]))


def test_render_round_trips_through_the_parser() -> None:
    text = "Pada Rabu (13/9) harga naik > 5% & turun <lagi> ]]> selama tiga jam."
    timexes = [
        _timex(text, 5, 16),
        _timex(text, 59, 67, type=TimexType.DURATION, value="PT3H", mod=TimexMod.APPROX, anchor=TimexAnchor.NONE),
    ]
    rendered = render_timeml(_document(text, title="Harga & Pasar"), timexes)
    assert '<TIMEX3 tid="t2" type="DURATION" value="PT3H" mod="APPROX">tiga jam</TIMEX3>' in rendered
    parsed = parse_timeml(rendered)
    assert parsed.text == text
    assert parsed.dct == date(2023, 9, 13)
    assert parsed.title == "Harga & Pasar"
    assert [(t.start, t.end, t.type, t.value, t.mod) for t in parsed.timexes] == [
        (5, 16, TimexType.DATE, "2023-09-13", None),
        (59, 67, TimexType.DURATION, "PT3H", "APPROX"),
    ]


def test_render_without_dct_has_no_dct_element() -> None:
    rendered = render_timeml(_document("tanpa tanggal", published=None), [])
    assert "<DCT>" not in rendered
    assert parse_timeml(rendered).dct is None


@pytest.mark.parametrize(
    ("text", "start", "end", "message"),
    [
        ("abc def", 2, 9, "out of range"),
        ("teks\x00nul", 0, 4, r"U\+0000"),
    ],
)
def test_render_rejects_what_it_cannot_write(text: str, start: int, end: int, message: str) -> None:
    timex = Timex(
        id="x", document_id="uji", start=start, end=end, text=text[start:end], type=TimexType.DATE, value="2023", anchor=TimexAnchor.NONE
    )
    with pytest.raises(ValueError, match=message):
        render_timeml(_document(text), [timex])


XML_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&]\"'\r\n\t ")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    ),
    max_size=60,
)


@settings(deadline=None)  # a property of the output, not of its speed: no deadline to flake on a loaded machine
@given(text=XML_TEXT, cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=6))
def test_render_strip_and_unescape_gives_back_the_text(text: str, cuts: list[int]) -> None:
    points = sorted({min(cut, len(text)) for cut in cuts})
    timexes = [_timex(text, start, end) for start, end in zip(points[::2], points[1::2]) if start < end]
    rendered = render_timeml(_document(text), timexes)
    assert _strip_tags(rendered) == text
    parsed = parse_timeml(rendered)
    assert parsed.text == text
    assert [(t.start, t.end) for t in parsed.timexes] == [(t.start, t.end) for t in timexes]


def test_seed_gold_parses(shared_dir: Path) -> None:
    parsed = parse_timeml((shared_dir / "seeds" / "000_f289a60c1eb80260.gold.tml").read_text(encoding="utf-8"))
    assert parsed.dct == date(2023, 9, 13)
    assert len(parsed.timexes) == 16
    assert all(parsed.text[t.start : t.end] == t.text for t in parsed.timexes)
    assert parsed.timexes[0].text == "Rabu (13/9)"


def test_bare_ampersand_is_tolerated() -> None:
    parsed = parse_timeml('<TimeML><TEXT>Angkot 12 & 34 &amp; <TIMEX3 tid="t1" type="DATE" value="2014">2014</TIMEX3></TEXT></TimeML>')
    assert parsed.text == "Angkot 12 & 34 & 2014"
    assert parsed.timexes[0].start == 17
