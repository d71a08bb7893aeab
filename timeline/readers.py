"""Read articles from files, directories and standard input as `Document`s.

Formats, chosen by file extension (case-insensitive):

- `.txt`, `.md`: the file is the article text. Metadata comes from YAML front matter
  (a `---` line at the very top, YAML, a closing `---` line) or from a sidecar
  `NAME.meta.json` next to `NAME.txt` (front matter wins where both give a field).
  With front matter, the document text is the body after the closing `---` line.
- `.jsonl` (also `.jsonl.gz`): one JSON object per line, read line by line (streaming).
- `.json`: one JSON object, or an array of objects (read whole: use JSONL for large corpora).
- `.tml`: a TimeML document (DOCID, DCT, TITLE, TEXT), read with `timeline.timeml.parse_timeml`.
- `-`: JSONL on standard input.

Record fields: `id`; `text` (or `body`, `content`); `published` (or `date`, `published_at`,
`pubdate`, `dct`: `2023-09-13`, `2013-12-4`, `2023-09-13T10:00:00+07:00`, a date as written in
the article's language); `title`; `url`; `source`; `language`. A missing id is derived from the
file stem (plus the line number for JSONL, the item number for a JSON array).

Text as stored: files are decoded as UTF-8 (a byte-order mark is dropped; UTF-16 with a BOM is
understood); a file that is not UTF-8 is decoded as cp1252, the usual legacy encoding of
Indonesian news dumps, with a warning naming the file. Line breaks are normalised to `\\n`
(CRLF and lone CR become LF), so `Document.text` is the normalised text and every offset
downstream indexes it. TimeML text is kept exactly as `parse_timeml` returns it, so gold
offsets stay valid (the XML parser already normalises line breaks).

Publication date (the DCT): from the document's metadata (`published_source=metadata`), else the
`published` argument (`cli`), else None. A document without one is still read; inferring a date,
or warning that deictic expressions stay unresolved, is the pipeline's job, not the reader's.

Bad input never stops the rest: a missing or unreadable path, binary or undecodable content,
an empty text, a record without text, malformed JSON (named with its line number), a file
whose extension is not an article format yields a `Reject` whose `reason` is a sentence
saying what is wrong, and reading continues. Inside a directory, hidden files and
directories and `.meta.json` sidecars are skipped silently; any other file is read or
rejected, so nothing is dropped unnoticed. Warnings go to the `timeline.readers` logger.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import ValidationError

from timeline.models import Document, PublishedSource, Reject
from timeline.timeml import parse_timeml

log = logging.getLogger("timeline.readers")

Record = Document | Reject

STDIN = "-"
SIDECAR_SUFFIX = ".meta.json"
TEXT_SUFFIXES = (".txt", ".md")
TIMEML_SUFFIXES = (".tml",)
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl",)
GZIP_JSONL_SUFFIXES = (".jsonl.gz",)

TEXT_FIELDS = ("text", "body", "content")
PUBLISHED_FIELDS = ("published", "date", "published_at", "pubdate", "dct")

# More than this share of C0 control characters (other than whitespace) marks a file as binary:
# text never has them, while random bytes decoded as cp1252 have about one in ten.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?", re.DOTALL)
_YEAR = re.compile(r"\b\d{4}\b")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BadInput(Exception):
    """Content that cannot become a document; the message is the reject reason."""


def read_inputs(inputs: Iterable[str | Path], published: date | None = None) -> Iterator[Record]:
    """Documents (or rejects) from every input, in order: each input as given, directories
    recursively in sorted relative-path order, JSONL in line order.

    `published` is the publication date for documents whose metadata has none.
    """
    published = _as_date(published)
    given = list(inputs)
    explicit_files = {_identity(Path(item)) for item in given if str(item) != STDIN}
    for item in given:
        if str(item) == STDIN:
            yield from read_jsonl_lines(_stdin_lines(), STDIN, "stdin", published)
            continue
        path = Path(item)
        described = _sidecar_text_path(path) if _is_sidecar(path) else None
        if described is not None and _identity(described) in explicit_files:
            continue  # the text file is an input too, and reads this sidecar itself
        yield from read_path(path, published)


def read_path(path: str | Path, published: date | None = None) -> Iterator[Record]:
    """Documents (or rejects) from one file or directory.

    A `.meta.json` sidecar given here stands for the text file it describes.
    """
    path = Path(path)
    published = _as_date(published)
    try:
        is_directory = path.is_dir()
        exists = is_directory or path.exists()
    except OSError as error:
        yield Reject(file=str(path), reason=f"The path cannot be examined: {error.strerror or error}.")
        return
    if is_directory:
        yield from _read_directory(path, published)
    elif not exists:
        yield Reject(file=str(path), reason=f"The path {str(path)!r} does not exist.")
    elif _is_sidecar(path):
        yield _read_sidecar_target(path, published)
    elif _format(path) is None:
        yield Reject(file=str(path), reason=_unknown_format_reason(path))
    else:
        yield from _read_file(path, published)


def read_jsonl_lines(
    lines: Iterable[bytes], file: str, stem: str, published: date | None = None
) -> Iterator[Record]:
    """Documents (or rejects) from JSONL lines (bytes, as read from a file); `file` labels
    rejects and documents, `stem` prefixes ids derived from line numbers."""
    warned_legacy = False
    number = 0
    try:
        for number, raw in enumerate(lines, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    line = raw.decode("cp1252")
                except UnicodeDecodeError:
                    yield Reject(file=file, line=number, reason=f"Line {number} is neither UTF-8 nor cp1252 text.")
                    continue
                if not warned_legacy:
                    log.warning("%s: line %d is not UTF-8; decoding such lines as cp1252", file, number)
                    warned_legacy = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield Reject(
                    file=file,
                    line=number,
                    reason=f"Line {number} is not valid JSON: {error.msg} at column {error.colno}.",
                )
                continue
            yield _record_document(
                record, file=file, line=number, fallback_id=f"{stem}-{number}", published=published, where=f"Line {number}"
            )
    except (OSError, EOFError) as error:
        yield Reject(file=file, line=number + 1, reason=f"Reading stopped after line {number}: {error}.")


def parse_date(value: object) -> date:
    """A publication date from metadata: a date, a datetime (its local date), an ISO string
    (`2023-09-13`, unpadded `2013-12-4`, `2023-09-13T10:00:00+07:00`: the date as written),
    or a date written out in Indonesian or English. Raise `ValueError` when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    return _parse_written_date(text)


def _parse_written_date(text: str) -> date:
    # Without a four-digit year a phrase may be relative ("kemarin"), which would be read
    # against today's date and make output depend on when it ran.
    if not _YEAR.search(text):
        raise ValueError(f"{text!r} is not a date with a year")
    import dateparser  # slow to import, and only needed for dates that are not ISO

    parsed = dateparser.parse(
        text,
        languages=["id", "en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
    )
    if parsed is None:
        raise ValueError(f"{text!r} is not a date")
    return parsed.date()


def _as_date(value: date | None) -> date | None:
    """The date of a datetime given where a date is expected (a document's DCT is a day)."""
    return value.date() if isinstance(value, datetime) else value


def _identity(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _stdin_lines() -> Iterator[bytes]:
    buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        yield from buffer
    else:
        for line in sys.stdin:
            yield line.encode("utf-8", errors="surrogatepass")


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def _sidecar_path(text_path: Path) -> Path:
    return text_path.with_name(text_path.name[: -len(text_path.suffix)] + SIDECAR_SUFFIX)


def _sidecar_text_path(sidecar: Path) -> Path | None:
    """The text file a sidecar describes: its `text_file` field, else NAME.txt."""
    try:
        metadata = json.loads(sidecar.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict):
        return None
    name = metadata.get("text_file")
    if isinstance(name, str) and name:
        return sidecar.parent / name
    return sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)] + ".txt")


def _format(path: Path) -> str | None:
    name = path.name.lower()
    for fmt, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("timeml", TIMEML_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("jsonl.gz", GZIP_JSONL_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return fmt
    return None


def _unknown_format_reason(path: Path) -> str:
    known = ", ".join(TEXT_SUFFIXES + TIMEML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + GZIP_JSONL_SUFFIXES)
    kind = f"extension {path.suffix!r}" if path.suffix else "no extension"
    return f"The file has {kind}, which is not an article format (expected one of {known})."


def _read_directory(root: Path, published: date | None) -> Iterator[Record]:
    files, errors = _directory_files(root)
    for error in errors:
        yield Reject(file=error.filename, reason=f"The directory cannot be listed: {error.strerror or error}.")
    for path in files:
        if _is_sidecar(path):
            continue
        if _format(path) is None:
            yield Reject(file=str(path), reason=_unknown_format_reason(path))
        else:
            yield from _read_file(path, published)


def _directory_files(root: Path) -> tuple[list[Path], list[OSError]]:
    """Files under `root`, hidden ones excluded, sorted by their path relative to `root`;
    and the errors met listing subdirectories."""
    found: list[tuple[tuple[str, ...], Path]] = []
    errors: list[OSError] = []
    for directory, subdirectories, names in os.walk(root, onerror=errors.append):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                path = Path(directory, name)
                found.append((path.relative_to(root).parts, path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found], errors


def _read_file(path: Path, published: date | None) -> Iterator[Record]:
    fmt = _format(path)
    if fmt == "jsonl" or fmt == "jsonl.gz":
        yield from _read_jsonl_file(path, gzipped=fmt == "jsonl.gz", published=published)
        return
    try:
        text = _decode(_read_bytes(path), str(path))
        if fmt == "text":
            yield _text_document(path, text, published)
        elif fmt == "timeml":
            yield _timeml_document(path, text, published)
        else:
            yield from _json_documents(path, text, published)
    except _BadInput as error:
        yield Reject(file=str(path), reason=str(error))


def _read_sidecar_target(sidecar: Path, published: date | None) -> Record:
    text_path = _sidecar_text_path(sidecar)
    if text_path is None:
        return Reject(file=str(sidecar), reason="The metadata sidecar cannot be read as a JSON object.")
    if not text_path.is_file():
        return Reject(file=str(sidecar), reason=f"The text file {str(text_path)!r} this sidecar describes does not exist.")
    try:
        return _text_document(text_path, _decode(_read_bytes(text_path), str(text_path)), published)
    except _BadInput as error:
        return Reject(file=str(text_path), reason=str(error))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _BadInput(f"The file cannot be read: {error.strerror or error}.") from None


def _decode(data: bytes, file: str) -> str:
    """Text from a file's bytes (see the module docstring), or `_BadInput` for binary content."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _BadInput("The file starts with a UTF-16 byte-order mark but is not UTF-16 text.") from None
    elif b"\x00" in data:
        raise _BadInput("The file is binary (it contains NUL bytes), not text.")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _BadInput("The file is neither UTF-8 nor cp1252 text.") from None
            log.warning("%s: not UTF-8; decoded as cp1252", file)
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise _BadInput("The file is binary (it is full of control characters), not text.")
    return _normalise(text)


def _normalise(text: str) -> str:
    return _LINE_BREAK.sub("\n", text.removeprefix("\ufeff"))


def _text_document(path: Path, text: str, published: date | None) -> Record:
    metadata: dict[str, Any] = {}
    sidecar = _sidecar_path(path)
    if sidecar.is_file():
        metadata.update(_load_sidecar(sidecar))
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        metadata.update(_load_front_matter(front_matter[1]))
        text = text[front_matter.end() :]
    stem = path.name[: -len(path.suffix)]
    return _build_document(text, metadata, file=str(path), line=None, fallback_id=stem, published=published)


def _load_sidecar(sidecar: Path) -> Mapping[str, Any]:
    try:
        metadata = json.loads(_decode(_read_bytes(sidecar), str(sidecar)))
    except _BadInput as error:
        raise _BadInput(f"The metadata sidecar {sidecar.name!r} is unusable: {error}") from None
    except json.JSONDecodeError as error:
        raise _BadInput(
            f"The metadata sidecar {sidecar.name!r} is not valid JSON: {error.msg} at line {error.lineno}."
        ) from None
    if not isinstance(metadata, dict):
        raise _BadInput(f"The metadata sidecar {sidecar.name!r} is not a JSON object.")
    return metadata


def _load_front_matter(source: str) -> Mapping[str, Any]:
    try:
        metadata = yaml.load(source, Loader=_YAML_LOADER) if source.strip() else {}
    except yaml.YAMLError as error:
        raise _BadInput(f"The front matter is not valid YAML: {error}".rstrip(".") + ".") from None
    if not isinstance(metadata, dict):
        raise _BadInput("The front matter is not a YAML mapping of field names to values.")
    return metadata


def _timeml_document(path: Path, xml: str, published: date | None) -> Record:
    try:
        timeml = parse_timeml(xml)
    except ValueError as error:
        raise _BadInput(f"The file is not a readable TimeML document: {error}.") from None
    metadata = {"id": timeml.doc_id, "published": timeml.dct, "title": timeml.title}
    # No `_normalise`: gold annotations index the text exactly as the TimeML parser returns it.
    return _build_document(
        timeml.text, metadata, file=str(path), line=None, fallback_id=path.stem, published=published, normalise=False
    )


def _json_documents(path: Path, source: str, published: date | None) -> Iterator[Record]:
    try:
        content = json.loads(source)
    except json.JSONDecodeError as error:
        raise _BadInput(f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from None
    stem = path.stem
    if isinstance(content, list):
        for number, record in enumerate(content, start=1):
            yield _record_document(
                record, file=str(path), line=None, fallback_id=f"{stem}-{number}", published=published, where=f"Item {number}"
            )
    else:
        yield _record_document(content, file=str(path), line=None, fallback_id=stem, published=published, where="The file")


def _read_jsonl_file(path: Path, *, gzipped: bool, published: date | None) -> Iterator[Record]:
    stem = path.name[: -len(".jsonl.gz")] if gzipped else path.stem
    try:
        handle = gzip.open(path, "rb") if gzipped else path.open("rb")
    except OSError as error:
        yield Reject(file=str(path), reason=f"The file cannot be read: {error.strerror or error}.")
        return
    with handle:
        yield from read_jsonl_lines(handle, str(path), stem, published)


def _record_document(
    record: object, *, file: str, line: int | None, fallback_id: str, published: date | None, where: str
) -> Record:
    if not isinstance(record, dict):
        return Reject(file=file, line=line, reason=f"{where} is a JSON {type(record).__name__}, not an object.")
    record_id = _optional_str(record.get("id"))
    text = next((record[name] for name in TEXT_FIELDS if record.get(name) is not None), None)
    if text is None:
        return Reject(
            file=file, line=line, id=record_id, reason=f"{where} has no text (expected a `text`, `body` or `content` field)."
        )
    if not isinstance(text, str):
        return Reject(file=file, line=line, id=record_id, reason=f"{where} has a text that is not a string.")
    return _build_document(text, record, file=file, line=line, fallback_id=fallback_id, published=published)


def _build_document(
    text: str,
    metadata: Mapping[str, Any],
    *,
    file: str,
    line: int | None,
    fallback_id: str,
    published: date | None,
    normalise: bool = True,
) -> Record:
    document_id = _optional_str(metadata.get("id")) or fallback_id
    if normalise:
        text = _normalise(text)
    if not text.strip():
        return Reject(file=file, line=line, id=document_id, reason="The article text is empty.")
    try:
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError:
        return Reject(file=file, line=line, id=document_id, reason="The text contains invalid Unicode (a lone surrogate).")
    metadata_date = _metadata_date(metadata, file, line)
    if metadata_date is not None:
        date_and_source = (metadata_date, PublishedSource.METADATA)
    elif published is not None:
        date_and_source = (published, PublishedSource.CLI)
    else:
        date_and_source = (None, None)
    try:
        return Document(
            id=document_id,
            text=text,
            published=date_and_source[0],
            published_source=date_and_source[1],
            title=_optional_str(metadata.get("title")),
            source=_optional_str(metadata.get("source")),
            url=_optional_str(metadata.get("url")),
            language=_optional_str(metadata.get("language")) or "id",
            path=file,
            line=line,
            content_hash=content_hash,
        )
    except ValidationError as error:
        return Reject(file=file, line=line, id=document_id, reason=f"The record does not make a valid document: {error}.")


def _metadata_date(metadata: Mapping[str, Any], file: str, line: int | None) -> date | None:
    name = next((name for name in PUBLISHED_FIELDS if metadata.get(name) not in (None, "")), None)
    if name is None:
        return None
    try:
        return parse_date(metadata[name])
    except ValueError as error:
        where = f"{file}:{line}" if line is not None else file
        log.warning("%s: ignoring the publication date in `%s`: %s", where, name, error)
        return None


def _optional_str(value: object) -> str | None:
    """A metadata value as text; numbers are accepted (ids often are), empty and structured values are not."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    return text or None
