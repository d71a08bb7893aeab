import gzip
import hashlib
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from timeline.models import Document, PublishedSource, Reject
from timeline.readers import parse_date, read_inputs, read_path

ARTICLE = "JAKARTA — Menteri Keuangan bertemu Gubernur Bank Indonesia pada Senin (4/12) pukul 09.00 WIB.\n"
SECOND = "SURABAYA — Banjir merendam tiga kecamatan sejak Kamis malam.\n"


def read_all(*inputs: str | Path, published: date | datetime | None = None) -> list[Document | Reject]:
    return list(read_inputs(inputs, published=published))


def only_document(*inputs: str | Path, published: date | datetime | None = None) -> Document:
    [record] = read_all(*inputs, published=published)
    assert isinstance(record, Document), record
    return record


def only_reject(*inputs: str | Path) -> Reject:
    [record] = read_all(*inputs)
    assert isinstance(record, Reject), record
    return record


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


# --- plain text, front matter, sidecars -------------------------------------------------------


def test_plain_text_file_uses_stem_as_id_and_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "rapat-kabinet.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = only_document(path)
    assert document.id == "rapat-kabinet"
    assert document.text == ARTICLE
    assert document.published is None and document.published_source is None
    assert document.path == str(path) and document.line is None
    assert document.language == "id"
    assert document.content_hash == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


def test_published_argument_applies_when_metadata_has_none(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = only_document(path, published=date(2013, 12, 4))
    assert (document.published, document.published_source) == (date(2013, 12, 4), PublishedSource.CLI)


def test_markdown_front_matter_gives_metadata_and_offsets_index_the_body(tmp_path: Path) -> None:
    path = tmp_path / "berita.md"
    path.write_text(
        "---\nid: rapat-bi\npublished: 2013-12-4\ntitle: Rapat Fiskal\nsource: Warta Kota\nurl: https://contoh.id/a\n---\n"
        + ARTICLE,
        encoding="utf-8",
    )
    document = only_document(path, published=date(2020, 1, 1))
    assert document.id == "rapat-bi"
    assert document.text == ARTICLE
    assert document.text.index("Senin") == ARTICLE.index("Senin")
    assert (document.published, document.published_source) == (date(2013, 12, 4), PublishedSource.METADATA)
    assert (document.title, document.source, document.url) == ("Rapat Fiskal", "Warta Kota", "https://contoh.id/a")


def test_front_matter_date_parsed_by_yaml_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\ndate: 2023-09-13\n---\n" + ARTICLE, encoding="utf-8")
    assert only_document(path).published == date(2023, 9, 13)


def test_text_without_closing_front_matter_line_is_all_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\n" + ARTICLE, encoding="utf-8")
    assert only_document(path).text == "---\n" + ARTICLE


def test_invalid_front_matter_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nid: [tidak ditutup\n---\n" + ARTICLE, encoding="utf-8")
    assert "front matter is not valid YAML" in only_reject(path).reason


def test_sidecar_metadata_is_used_and_sidecar_is_not_a_document(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "001.meta.json").write_text(
        json.dumps({"id": "banjir-001", "text_file": "001.txt", "published": "2021-02-08", "source": "Antara"}),
        encoding="utf-8",
    )
    document = only_document(tmp_path)
    assert (document.id, document.source, document.published) == ("banjir-001", "Antara", date(2021, 2, 8))
    assert document.path == str(tmp_path / "001.txt")


def test_sidecar_given_alone_reads_the_text_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "naskah.txt").write_text(ARTICLE, encoding="utf-8")
    sidecar = tmp_path / "naskah.meta.json"
    sidecar.write_text(json.dumps({"id": "n1", "text_file": "naskah.txt"}), encoding="utf-8")
    assert only_document(sidecar).id == "n1"
    # given together with its text file (a shell glob), the pair is one document
    assert [record.id for record in read_all(sidecar, tmp_path / "naskah.txt")] == ["n1"]


def test_sidecar_given_alone_that_is_not_an_object_is_rejected(tmp_path: Path) -> None:
    sidecar = tmp_path / "naskah.meta.json"
    sidecar.write_text('["bukan", "objek"]', encoding="utf-8")
    assert only_reject(sidecar).reason == "The metadata sidecar cannot be read as a JSON object."


def test_invalid_sidecar_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{bukan json", encoding="utf-8")
    assert "sidecar 'a.meta.json' is not valid JSON" in only_reject(tmp_path).reason


# --- JSON Lines and JSON ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "expected_published"),
    [
        ({"text": ARTICLE, "published": "2023-09-13"}, date(2023, 9, 13)),
        ({"body": ARTICLE, "date": "2013-12-4"}, date(2013, 12, 4)),
        ({"content": ARTICLE, "published_at": "2023-09-13T23:30:00+07:00"}, date(2023, 9, 13)),
        ({"text": ARTICLE, "pubdate": "2013/12/04"}, date(2013, 12, 4)),
        ({"text": ARTICLE, "dct": "4 Desember 2013"}, date(2013, 12, 4)),
    ],
)
def test_jsonl_text_and_date_aliases(tmp_path: Path, record: dict[str, str], expected_published: date) -> None:
    document = only_document(write_jsonl(tmp_path / "artikel.jsonl", [record]))
    assert document.text == ARTICLE
    assert (document.published, document.published_source) == (expected_published, PublishedSource.METADATA)


def test_jsonl_fields_line_numbers_and_derived_ids(tmp_path: Path) -> None:
    path = tmp_path / "arsip.jsonl"
    path.write_text(
        json.dumps({"id": 42, "text": ARTICLE, "title": "Rapat", "url": "https://contoh.id/42", "source": "Kompas"})
        + "\n\n"
        + json.dumps({"text": SECOND, "language": "id"})
        + "\n",
        encoding="utf-8",
    )
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.line, first.title, first.url, first.source) == ("42", 1, "Rapat", "https://contoh.id/42", "Kompas")
    assert (second.id, second.line, second.path) == ("arsip-3", 3, str(path))


def test_malformed_jsonl_line_is_rejected_with_its_line_number_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "campur.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": ARTICLE}) + "\n" + '{"id": "b", "text": \n' + json.dumps({"id": "c", "text": SECOND}) + "\n",
        encoding="utf-8",
    )
    first, bad, last = read_all(path)
    assert isinstance(bad, Reject)
    assert (bad.file, bad.line) == (str(path), 2)
    assert bad.reason.startswith("Line 2 is not valid JSON")
    assert [first.id, last.id] == ["a", "c"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "title": "tanpa isi"}', "Line 1 has no text"),
        ('{"id": "x", "text": "  \\n "}', "The article text is empty."),
        ('{"id": "x", "text": ["daftar"]}', "Line 1 has a text that is not a string."),
        ('["bukan", "objek"]', "Line 1 is a JSON list, not an object."),
        ('{"id": "x", "text": "\\ud800 rusak"}', "invalid Unicode"),
    ],
)
def test_unusable_jsonl_records_are_rejected(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    reject = only_reject(path)
    assert reason in reject.reason
    assert reject.line == 1


def test_unreadable_publication_date_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [{"id": "x", "text": ARTICLE, "published": "kemarin"}])
    with caplog.at_level(logging.WARNING, logger="timeline.readers"):
        document = only_document(path, published=date(2022, 5, 1))
    assert (document.published, document.published_source) == (date(2022, 5, 1), PublishedSource.CLI)
    assert f"{path}:1" in caplog.text and "kemarin" in caplog.text


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "korpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": ARTICLE}) + "\n")
    document = only_document(path)
    assert (document.id, document.line) == ("korpus-1", 1)


def test_json_object_and_array(tmp_path: Path) -> None:
    single = tmp_path / "tunggal.json"
    single.write_text(json.dumps({"text": ARTICLE, "date": "2013-12-4"}), encoding="utf-8")
    many = tmp_path / "banyak.json"
    many.write_text(json.dumps([{"id": "p", "body": ARTICLE}, {"content": SECOND}, {"title": "kosong"}]), encoding="utf-8")
    records = read_all(single, many)
    assert [(r.id, type(r).__name__) for r in records] == [
        ("tunggal", "Document"),
        ("p", "Document"),
        ("banyak-2", "Document"),
        (None, "Reject"),
    ]
    assert records[0].published == date(2013, 12, 4)
    assert records[3].reason.startswith("Item 3 has no text")


def test_invalid_json_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "rusak.json"
    path.write_text('{"text": "terpotong', encoding="utf-8")
    assert only_reject(path).reason.startswith("The file is not valid JSON")


def test_stdin_dash_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"text": ARTICLE}) + "\n" + "{rusak\n" + json.dumps({"id": "s3", "text": SECOND}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    first, bad, last = read_all("-", published=date(2019, 4, 17))
    assert isinstance(first, Document) and isinstance(last, Document) and isinstance(bad, Reject)
    assert (first.id, first.path, first.line, first.published) == ("stdin-1", "-", 1, date(2019, 4, 17))
    assert (bad.file, bad.line) == ("-", 2)
    assert last.id == "s3"


# --- TimeML -----------------------------------------------------------------------------------

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>20131204-0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-12-4" functionInDocument="CREATION_TIME">Rabu, 4 Desember 2013</TIMEX3></DCT>
<TITLE>Rapat Anggaran</TITLE>
<TEXT>
Rapat digelar <TIMEX3 tid="t1" type="DATE" value="2013-12-04">hari ini</TIMEX3> di Jakarta &amp; Bogor.
</TEXT>
</TimeML>
"""


def test_timeml_document(tmp_path: Path) -> None:
    path = tmp_path / "rapat.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = only_document(path)
    assert document.id == "20131204-0001"
    assert (document.published, document.published_source) == (date(2013, 12, 4), PublishedSource.METADATA)
    assert document.title == "Rapat Anggaran"
    assert document.text == "\nRapat digelar hari ini di Jakarta & Bogor.\n"


def test_malformed_timeml_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "rusak.tml"
    path.write_text("<TimeML><TEXT>tanpa penutup</TimeML>", encoding="utf-8")
    assert only_reject(path).reason.startswith("The file is not a readable TimeML document")


# --- encodings and bad content ----------------------------------------------------------------


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbfBaris satu\r\nBaris dua\rBaris tiga\r\n")
    assert only_document(path).text == "Baris satu\nBaris dua\nBaris tiga\n"


def test_crlf_inside_json_text_is_normalised(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "Paragraf satu.\r\nParagraf dua."}])
    assert only_document(path).text == "Paragraf satu.\nParagraf dua."


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert only_document(path).text == ARTICLE


def test_cp1252_file_is_decoded_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "lama.txt"
    path.write_bytes(b"MEDAN \x96 Warga menyebutnya \x93banjir kiriman\x94 pada Selasa (3/1).")
    with caplog.at_level(logging.WARNING, logger="timeline.readers"):
        document = only_document(path)
    assert document.text == "MEDAN \u2013 Warga menyebutnya \u201cbanjir kiriman\u201d pada Selasa (3/1)."
    assert [record.name for record in caplog.records] == ["timeline.readers"]
    assert str(path) in caplog.text and "cp1252" in caplog.text


def test_cp1252_jsonl_line_is_decoded_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "lama.jsonl"
    path.write_bytes(b'{"text": "PADANG \x96 Gempa terasa"}\n')
    with caplog.at_level(logging.WARNING, logger="timeline.readers"):
        assert only_document(path).text == "PADANG \u2013 Gempa terasa"
    assert str(path) in caplog.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The article text is empty."),
        (b"  \n\n", "The article text is empty."),
        (b"PK\x03\x04\x00\x00binary", "binary (it contains NUL bytes)"),
        (bytes(range(1, 32)) * 8, "binary (it is full of control characters)"),
        (b"\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor cp1252"),
    ],
)
def test_unusable_files_are_rejected(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "berkas.txt"
    path.write_bytes(content)
    reject = only_reject(path)
    assert reason in reject.reason
    assert reject.file == str(path)


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "terkunci.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_reject(path).reason == "The file cannot be read: Permission denied."


def test_missing_path_and_unknown_extension_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    unknown = tmp_path / "foto.jpg"
    unknown.write_bytes(b"\xff\xd8\xff")
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing, wrong, document = read_all(tmp_path / "tidak-ada.txt", unknown, good)
    assert isinstance(missing, Reject) and missing.reason == f"The path {str(tmp_path / 'tidak-ada.txt')!r} does not exist."
    assert isinstance(wrong, Reject) and "extension '.jpg'" in wrong.reason
    assert isinstance(document, Document)


# --- directories ------------------------------------------------------------------------------


def test_directory_is_read_recursively_in_relative_path_order(tmp_path: Path) -> None:
    for relative in ["b.txt", "a/z.md", "a/b/c.jsonl", "a.txt", ".git/x.txt", ".tersembunyi.txt", "a/z.meta.json"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"text": ARTICLE}) + "\n" if relative.endswith("jsonl") else ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "z.meta.json").write_text('{"id": "zet"}', encoding="utf-8")
    (tmp_path / "catatan.csv").write_text("a,b\n", encoding="utf-8")
    records = read_all(tmp_path)
    assert [(type(r).__name__, Path(r.path if isinstance(r, Document) else r.file).relative_to(tmp_path).as_posix()) for r in records] == [
        ("Document", "a/b/c.jsonl"),
        ("Document", "a/z.md"),
        ("Document", "a.txt"),
        ("Document", "b.txt"),
        ("Reject", "catatan.csv"),
    ]
    assert records[1].id == "zet"
    assert records == read_all(tmp_path)


def test_unlistable_subdirectory_is_rejected_and_the_rest_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = str(tmp_path / "terkunci")
    real_walk = os.walk

    def walk_with_a_locked_directory(top: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
        onerror(PermissionError(13, "Permission denied", locked))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk_with_a_locked_directory)
    reject, document = read_all(tmp_path)
    assert isinstance(reject, Reject) and (reject.file, reject.reason) == (locked, "The directory cannot be listed: Permission denied.")
    assert isinstance(document, Document) and document.id == "a"


def test_path_that_cannot_be_examined_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_dir", refuse)
    assert only_reject(tmp_path / "a.txt").reason == "The path cannot be examined: Permission denied."


def test_published_argument_may_be_a_datetime(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_document(path, published=datetime(2013, 12, 4, 15, 30)).published == date(2013, 12, 4)


def test_read_path_reads_one_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert [record.id for record in read_path(path)] == ["a"]


# --- the bundled seed and date parsing --------------------------------------------------------


def test_bundled_seed_is_one_document(seed_dir: Path) -> None:
    document = only_document(seed_dir)
    assert document.id == "klikpositif-kim-putin-vostochny"
    assert (document.published, document.published_source) == (date(2023, 9, 13), PublishedSource.METADATA)
    assert document.source == "KlikPositif"
    assert document.text.startswith("KLIKPOSITIF")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-13", date(2023, 9, 13)),
        ("2013-12-4", date(2013, 12, 4)),
        ("2023-09-13T10:00:00+07:00", date(2023, 9, 13)),
        ("2023-09-13 23:59", date(2023, 9, 13)),
        (date(2020, 2, 29), date(2020, 2, 29)),
        ("Rabu, 13 September 2023", date(2023, 9, 13)),
    ],
)
def test_parse_date_accepts(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-13-01", "kemarin", "", 20230913, None])
def test_parse_date_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_dev_timeml_articles_all_read_with_their_dct(shared_dir: Path) -> None:
    raw = shared_dir / "dev" / "kompas_dev_raw"
    records = read_all(raw)
    assert records and all(isinstance(record, Document) for record in records)
    assert len(records) == len(list(raw.glob("*.tml")))
    assert all(record.published_source is PublishedSource.METADATA for record in records)
    assert all(record.id == Path(record.path).stem for record in records)
