"""Files to Documents: .txt, .md, .html/.htm and .jsonl, in whatever encoding they arrive.

Reading never raises for bad input in :func:`read_paths`: a file that cannot be read becomes a
:class:`Refusal` (recorded by the loader) and the batch goes on. :func:`read_file` is the strict
form for callers that want one file or an exception.

Decisions worth knowing:

* Metadata precedence: a sidecar ``NAME.meta.json`` beats what the file says about itself (an
  outlet line, front matter, HTML metadata) because someone wrote it on purpose; the
  ``published`` argument is only a fallback for documents with no date at all. For JSON Lines
  the record's own values beat the sidecar, which applies to every record of the file.
* The size cap applies to a whole file, except JSON Lines, where it applies to each record: a
  JSONL file is a corpus and is streamed line by line, never held in memory.
* Standard input is named ``<stdin>`` in documents and refusals.
* ``.txt`` layout is guessed line by line (see :func:`split_txt`); whatever is not an outlet
  line, a section label or a title is body, so no text is ever lost.
* A folder walk passes over what is not an article (another file type, a README or LICENSE,
  hidden entries, symlinked folders, a sidecar without its article) and says so: each becomes
  a :class:`Skip` handed to ``on_skip``. A file named on the command line is always read.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from incidentdb.document import Document, normalise_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN_NAME = "<stdin>"
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
SIDECAR_SUFFIX = ".meta.json"
# Notes that travel with a corpus and are not articles: passed over by name in a folder walk.
NOTES_STEMS = frozenset({
    "readme", "license", "licence", "copying", "notice", "authors", "contributing",
    "changelog", "code_of_conduct",
})
UNSUPPORTED = "unsupported type"

# Signatures of common binary formats that can pass as text in their first bytes.
_MAGIC = (
    b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
    b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"SQLite format",
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")

# Section labels news sites put above a title; others are recognised by shape (see _is_section).
_SECTIONS = frozenset(
    label.strip()
    for label in """news|world|world news|politics|opinion|business|economy|sport|sports|local|
    local news|national|nation|international|europe|asia|middle east|africa|americas|defense|
    defence|military|security|breaking|breaking news|top stories|latest|latest news|analysis|
    society|culture|science|tech|technology|health|regions|features|editorial|commentary|crime|
    incidents|emergencies|investigations|war|conflict""".split("|")
)
_NOT_FINAL = ".,:;…"
_CLOSERS = "\"'”’»)]"


class ReadError(Exception):
    """A file (or record) that cannot become a Document, and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Refusal:
    """What :func:`read_paths` yields instead of raising, so one bad file stops nothing."""

    path: str
    reason: str


@dataclass(frozen=True)
class Skip:
    """A file a folder walk passed over, and why: a load names it rather than drop it silently."""

    path: str
    reason: str


# --------------------------------------------------------------------------- public API


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Document | Refusal]:
    """Documents from files, directories (recursively, sorted) and ``-`` (standard input);
    ``on_skip`` hears of every file a folder walk passes over."""
    for unit in walk_paths(paths, on_skip=on_skip):
        if isinstance(unit, Refusal):
            yield unit
        elif unit == "-":
            yield from _guard(STDIN_NAME, lambda: _read_stdin(published, max_bytes))
        else:
            yield from _guard(unit, lambda p=Path(unit): _read_any(p, published, max_bytes))


def walk_paths(paths: Iterable[str | Path], *, on_skip: Callable[[Skip], None] | None = None
               ) -> Iterator[str | Refusal]:
    """The files :func:`read_paths` reads, in its order, without reading them: the loader
    hands them to worker processes in groups. ``-`` stands for standard input; ``on_skip``
    hears of every file a folder walk passes over."""
    for given in paths:
        if str(given) == "-":
            yield "-"
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, Skip):
                    if on_skip:
                        on_skip(file)
                    continue
                yield file if isinstance(file, Refusal) else str(file)
        elif path.exists():
            yield str(path)
        else:
            yield Refusal(str(given), "no such file or directory")


def jsonl_parts(path: str, part_bytes: int = 1 << 20) -> Iterator[tuple[int, int, int]]:
    """(start, stop, first line number) of consecutive parts of a JSON Lines file, each about
    ``part_bytes`` and ending at a line end, so workers can read one large file together.
    Only newlines are counted here; nothing is parsed."""
    start, line = 0, 1
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        while start < size or start == 0:
            handle.seek(min(start + part_bytes, size))
            while (chunk := handle.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            stop = handle.tell()
            handle.seek(start)
            newlines = sum(block.count(b"\n") for block in _blocks(handle, stop - start))
            yield start, stop, line
            if stop == start:
                return
            start, line = stop, line + newlines


def _blocks(handle: IO[bytes], size: int) -> Iterator[bytes]:
    while size > 0 and (block := handle.read(min(size, 1 << 20))):
        size -= len(block)
        yield block


def read_jsonl_part(
    path: str, start: int, stop: int, first: int, *, published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Refusal]:
    """The records of one part of a JSON Lines file (see :func:`jsonl_parts`), named and
    refused exactly as :func:`read_paths` names and refuses them."""

    def produce() -> Iterator[Document | Refusal]:
        file = Path(path)
        meta = _sidecar(file, max_bytes)
        with open(file, "rb") as handle:
            handle.seek(start)
            part = io.BytesIO(handle.read(stop - start))
        yield from _jsonl(part, path, meta, published, max_bytes, first)

    yield from _guard(path, produce)


def read_file(
    path: str | Path,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Document]:
    """All documents of one file; raises :class:`ReadError` at the first problem.

    Strict on purpose: a JSON Lines file with one malformed record raises. Use
    :func:`read_paths` to keep the good records.
    """
    documents = []
    for item in read_paths([path], published=published, max_bytes=max_bytes):
        if isinstance(item, Refusal):
            raise ReadError(item.path, item.reason)
        documents.append(item)
    return documents


# --------------------------------------------------------------------------- dispatch


def _guard(name: str, produce) -> Iterator[Document | Refusal]:
    """Turn any failure on one input into a Refusal; documents already yielded stay.

    Broad on purpose: a third-party parser choking on one odd page must not stop a batch.
    """
    try:
        yield from produce()
    except ReadError as exc:
        yield Refusal(exc.path, exc.reason)
    except OSError as exc:
        yield Refusal(name, (exc.strerror or str(exc)).lower())
    except Exception as exc:  # noqa: BLE001 - see docstring
        yield Refusal(name, f"unreadable ({type(exc).__name__})".lower())


def _walk(folder: Path) -> Iterator[Path | Refusal | Skip]:
    """Article files under ``folder``, depth first in name order, and a Skip for every entry
    passed over. A directory that cannot be listed is refused rather than silently dropped.
    Only the names are held while a folder is walked, so a folder of 100k reports costs
    little memory."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield Refusal(str(folder), (exc.strerror or str(exc)).lower())
        return
    siblings = {name.lower() for name in names}
    for name in names:
        path = folder / name
        if not name.startswith(".") and path.is_dir() and not path.is_symlink():
            yield from _walk(path)
            continue
        reason = _skip_reason(path, siblings)
        if reason:
            yield Skip(str(path), reason)
        elif not name.lower().endswith(SIDECAR_SUFFIX):  # read with its article
            yield path


def _skip_reason(path: Path, siblings: set[str]) -> str | None:
    """Why a folder walk passes over an entry (None: it is an article to read)."""
    name = path.name.lower()
    if name.startswith("."):
        return "hidden"
    if path.is_dir():  # followed the link: a real folder is walked, not seen here
        return "symbolic link to a folder, not followed"
    if not path.is_file():
        return "not a regular file"
    if name.endswith(SIDECAR_SUFFIX):
        stem = name[: -len(SIDECAR_SUFFIX)]
        has_article = any(stem + suffix in siblings for suffix in ARTICLE_SUFFIXES)
        return None if has_article else "sidecar without its article"
    if name.split(".")[0] in NOTES_STEMS:
        return "notes, not an article"
    return None if Path(name).suffix in ARTICLE_SUFFIXES else UNSUPPORTED


def _read_any(path: Path, published: date | None, max_bytes: int) -> Iterator[Document | Refusal]:
    if path.name.lower().endswith(SIDECAR_SUFFIX):
        raise ReadError(path, "sidecar metadata, not an article")
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ReadError(path, f"unsupported file type {suffix or '(none)'}")
    meta = _sidecar(path, max_bytes)
    if suffix == ".jsonl":
        with open(path, "rb") as handle:
            yield from _jsonl(handle, str(path), meta, published, max_bytes)
        return
    text = _decode(str(path), _read_capped(path, max_bytes))
    if suffix in (".md", ".markdown"):
        fields = _markdown(str(path), text)
    elif suffix in (".html", ".htm"):
        fields = _html(str(path), text)
    else:
        fields = split_txt(text)
    yield _document(str(path), fields, meta, published)


def _read_stdin(published: date | None, max_bytes: int) -> Iterator[Document | Refusal]:
    stream = sys.stdin.buffer
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ReadError(STDIN_NAME, f"larger than {max_bytes} bytes")
    if _looks_like_jsonl(raw):
        yield from _jsonl(io.BytesIO(raw), STDIN_NAME, {}, published, max_bytes)
    else:
        yield _document(STDIN_NAME, split_txt(_decode(STDIN_NAME, raw)), {}, published)


def _looks_like_jsonl(raw: bytes) -> bool:
    first = next((line for line in raw.lstrip(b"\xef\xbb\xbf").splitlines() if line.strip()), b"")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _document(name: str, fields: dict, meta: dict, published: date | None) -> Document:
    """Build the Document: sidecar values win, ``published`` fills a missing date."""
    for key in ("url", "outlet"):
        if meta.get(key):
            fields[key] = _clean_line(str(meta[key]))
    if meta.get("published"):
        fields["published"] = parse_published(name, meta["published"])
    fields["published"] = fields.get("published") or published
    body = fields.pop("body", "") or ""
    if not body.strip():
        raise ReadError(name, "no body text")
    return Document(body=body, path=name, **fields)


# --------------------------------------------------------------------------- bytes to text


def _read_capped(path: Path, max_bytes: int) -> bytes:
    if path.stat().st_size > max_bytes:
        raise ReadError(path, f"larger than {max_bytes} bytes")
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:  # grew while we looked
        raise ReadError(path, f"larger than {max_bytes} bytes")
    return raw


def _looks_binary(raw: bytes) -> bool:
    """Known binary signature, or too many control bytes for any text encoding."""
    if raw.startswith(_MAGIC):
        return True
    sample = raw[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > len(sample) * 0.1


def _decode(name: str, raw: bytes) -> str:
    """Bytes to NFC text: BOMs first, then UTF-8, then a charset guess for legacy encodings."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(name, f"undecodable text (bad {encoding})") from None
            break
    if text is None:
        if not raw.strip():
            raise ReadError(name, "empty file")
        if _looks_binary(raw):
            raise ReadError(name, "binary file, not text")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(raw).best()
            if best is None:
                raise ReadError(name, "undecodable text") from None
            text = str(best)
    text = normalise_text(text).lstrip("\ufeff")
    if not text.strip():
        raise ReadError(name, "empty file")
    return text


# --------------------------------------------------------------------------- metadata


def parse_published(name: str, value: Any) -> date | None:
    """A calendar date from metadata; a partial date ("March 2024") is refused, not invented."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        from dateutil import parser

        text = value.strip()
        try:
            return parser.isoparse(text).date()
        except ValueError:
            pass
        try:
            # Parsing with two defaults shows whether dateutil had to invent any part.
            first = parser.parse(text, default=datetime(2000, 1, 1))
            second = parser.parse(text, default=datetime(2001, 2, 2))
        except (ValueError, OverflowError):
            first = second = None
        if first is not None and first.date() == second.date():
            return first.date()
    raise ReadError(name, f"bad published date {value!r}")


def _clean_line(value: str) -> str:
    return " ".join(normalise_text(value).split())


def _optional(value: Any) -> str | None:
    """A metadata string, or None when absent or blank."""
    if value is None:
        return None
    text = _clean_line(str(value))
    return text or None


def _sidecar(path: Path, max_bytes: int) -> dict:
    """``NAME.meta.json`` beside ``NAME.ext``: url, outlet, published; other keys ignored."""
    side = path.with_suffix(SIDECAR_SUFFIX)
    if not side.is_file():
        return {}
    try:
        data = json.loads(_decode(str(side), _read_capped(side, max_bytes)))
    except (ReadError, ValueError):
        raise ReadError(path, f"malformed sidecar {side.name}") from None
    if not isinstance(data, dict):
        raise ReadError(path, f"malformed sidecar {side.name}")
    return {key: data.get(key) for key in ("url", "outlet", "published")}


# --------------------------------------------------------------------------- .txt


def _words(line: str) -> int:
    return len(line.split())


def _is_headline(line: str, max_words: int, max_chars: int) -> bool:
    """A short line that does not end like a sentence and does not start mid-sentence."""
    text = line.strip()
    if not text or len(text) > max_chars or _words(text) > max_words:
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or letters[0].islower():
        return False
    return text.rstrip(_CLOSERS)[-1:] not in _NOT_FINAL


def _is_title(line: str) -> bool:
    return _is_headline(line, max_words=30, max_chars=200)


def _is_outlet(line: str) -> bool:
    return _is_headline(line, max_words=8, max_chars=60)


def _next_text(lines: list[str], start: int) -> int | None:
    return next((k for k in range(start, len(lines)) if lines[k].strip()), None)


def _is_section(lines: list[str], j: int) -> bool:
    """A known label ("News"), or a short Capitalised label in the full seeds layout."""
    label = lines[j].strip()
    if label.lower() in _SECTIONS:
        return True
    shaped = re.fullmatch(r"[A-Z][\w&/.'-]*(?: [A-Z&][\w&/.'-]*){0,2}", label)
    if not shaped or len(label) > 30 or label.isupper():
        return False
    # Outlet, label, blank line, a title, then more text: nothing else looks like that.
    if j + 1 >= len(lines) or lines[j + 1].strip():
        return False
    title_at = _next_text(lines, j + 1)
    return (
        title_at is not None
        and _is_title(lines[title_at])
        and _next_text(lines, title_at + 1) is not None
    )


def split_txt(text: str) -> dict:
    """Outlet line, section label, title and body of a plain-text article.

    Handles the seeds' layout ("KSMO Santa Monica" / "News" / blank / title / blank / body)
    and the corpus layout (line 1 the title, possibly empty, then the body). A title is a
    short line without final sentence punctuation with more text after it; after leading
    blank lines it must also be followed by a blank line, because an empty first line means
    "no title" in the corpus layout.
    """
    lines = text.split("\n")
    outlet = section = title = None
    i = _next_text(lines, 0)
    if i is None:
        return {"body": ""}
    header = False
    if i + 1 < len(lines) and _is_outlet(lines[i]) and lines[i + 1].strip():
        if _is_section(lines, i + 1):
            outlet, section = lines[i].strip(), lines[i + 1].strip()
            i, header = i + 2, True
    if not header and lines[i].strip().lower() in _SECTIONS and _next_text(lines, i + 1):
        section, i, header = lines[i].strip(), i + 1, True
    start = _next_text(lines, i)
    if start is not None and _is_title(lines[start]):
        more_text = _next_text(lines, start + 1) is not None
        blank_after = start + 1 < len(lines) and not lines[start + 1].strip()
        if more_text and (start == 0 or header or blank_after):
            title, i = lines[start].strip(), start + 1
    return {"outlet": outlet, "section": section, "title": title, "body": _clean_body(lines[i:])}


def _clean_body(lines: list[str]) -> str:
    """Paragraphs kept, trailing spaces and runs of blank lines reduced, ends trimmed."""
    kept: list[str] = []
    for line in (raw.rstrip() for raw in lines):
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


# --------------------------------------------------------------------------- .md and .html


class _AliasRefused(Exception):
    """A YAML alias in front matter: a few lines of them expand to gigabytes (a 'YAML bomb')."""


def _no_alias_loader():
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's own signature
            if self.check_event(yaml.AliasEvent):
                raise _AliasRefused
            return super().compose_node(parent, index)

    return NoAliasLoader


def _SafeFrontMatter():  # noqa: N802 - stands in for the handler class it builds
    """python-frontmatter's YAML handler with a loader that refuses aliases."""
    from frontmatter.default_handlers import YAMLHandler

    class Handler(YAMLHandler):
        def load(self, fm: str, **kwargs: object):
            return super().load(fm, Loader=_no_alias_loader(), **kwargs)

    return Handler()


def _markdown(name: str, text: str) -> dict:
    """YAML front matter for metadata; a leading "# Heading" is the title when none is given."""
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(text, handler=_SafeFrontMatter())
    except _AliasRefused:
        raise ReadError(name, "front matter uses YAML aliases (&/*), which are not read") from None
    except (yaml.YAMLError, ValueError):
        raise ReadError(name, "malformed front matter") from None
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    title = _optional(meta.get("title"))
    lines = post.content.split("\n")
    first = _next_text(lines, 0)
    if first is not None:
        heading = re.fullmatch(r"#\s+(.+?)\s*#*\s*", lines[first])
        if heading and (title is None or _clean_line(heading.group(1)) == title):
            title = _clean_line(heading.group(1))
            lines = lines[first + 1 :]
    return {
        "title": title,
        "outlet": _optional(meta.get("outlet")),
        "published": parse_published(name, meta.get("published", meta.get("date"))),
        "url": _optional(meta.get("url")),
        "language": _optional(meta.get("language", meta.get("lang"))),
        "body": _clean_body(lines),
    }


def _html(name: str, text: str) -> dict:
    """Main text and metadata through trafilatura; boilerplate (menus, footers) left out."""
    from trafilatura import bare_extraction

    result = None
    for recall in (False, True):  # a second, more generous pass for short pages
        result = bare_extraction(
            text, with_metadata=True, include_comments=False, favor_recall=recall
        )
        if result is not None and (result.text or "").strip():
            break
    if result is None or not (result.text or "").strip():
        raise ReadError(name, "no body text")
    title = _optional(result.title)
    lines = normalise_text(result.text).split("\n")
    first = _next_text(lines, 0)
    if title and first is not None and _clean_line(lines[first]) == title:
        lines = lines[first + 1 :]  # trafilatura repeats the <h1> title as the first line
    language = result.language
    if not language:
        found = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", text)
        language = found.group(1) if found else None
    return {
        "title": title,
        "outlet": _optional(result.sitename),
        "published": parse_published(name, result.date),
        "url": _optional(result.url),
        "language": _optional(language),
        "body": _clean_body(lines),
    }


# --------------------------------------------------------------------------- .jsonl


def _jsonl(
    handle: IO[bytes], name: str, meta: dict, published: date | None, max_bytes: int,
    first: int = 1,
) -> Iterator[Document | Refusal]:
    """One Document per line, streamed; a bad line is refused and the next one is read.
    ``first`` is the number of the handle's first line (a part of a file starts later)."""
    head = handle.read(8192)
    if not head.strip():
        raise ReadError(name, "empty file")
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise ReadError(name, "undecodable text (json lines must be utf-8)")
    if _looks_binary(head.lstrip(b"\xef\xbb\xbf")):
        raise ReadError(name, "binary file, not text")
    handle.seek(0)  # files and the in-memory copy of standard input are both seekable
    if meta.get("published"):
        published = parse_published(name, meta["published"])
    for number, raw in enumerate(_lines(handle, max_bytes), first):
        if raw is None:
            yield Refusal(name, f"line {number}: larger than {max_bytes} bytes")
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            yield _record(name, number, raw, meta, published)
        except ReadError as exc:
            yield Refusal(name, f"line {number}: {exc.reason}")


def _record(name: str, number: int, raw: bytes, meta: dict, published: date | None) -> Document:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReadError(name, "undecodable text (json lines must be utf-8)") from None
    try:
        row = json.loads(text)
    except ValueError:
        raise ReadError(name, "malformed json") from None
    if not isinstance(row, dict):
        raise ReadError(name, "not a json object")
    body = row.get("body") if row.get("body") is not None else row.get("text")
    if not isinstance(body, str):
        raise ReadError(name, "no body text")
    ident = row.get("id")
    path = f"{name}#{ident if ident not in (None, '') else number}"
    fields = {
        "title": _optional(row.get("title")),
        "outlet": _optional(row.get("outlet")) or _optional(meta.get("outlet")),
        "url": _optional(row.get("url")) or _optional(meta.get("url")),
        "language": _optional(row.get("language")),
        "published": parse_published(name, row.get("published")) or published,
        "body": _clean_body(normalise_text(body).split("\n")),
    }
    return _document(path, fields, {}, None)


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes``; a longer one is skipped unread and yields None."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line.rstrip(b"\r\n")) > max_bytes:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "ReadError",
    "Refusal",
    "Skip",
    "parse_published",
    "jsonl_parts",
    "read_file",
    "read_jsonl_part",
    "read_paths",
    "split_txt",
    "walk_paths",
]
