"""The reader: layouts, formats, encodings and refusals, with inputs built in tmp_path."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from incidentdb.document import Document
from incidentdb.read import (
    DEFAULT_MAX_BYTES,
    ReadError,
    Refusal,
    Skip,
    read_file,
    read_paths,
    split_txt,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BODY = (
    "Air defence systems destroyed three drones over the Kaluga region overnight, the governor "
    "said on Telegram. Nobody was hurt.\n\nDebris fell on a field near Maloyaroslavets."
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def only(items) -> Document | Refusal:
    [item] = list(items)
    return item


def refusal(path, **kwargs) -> str:
    item = only(read_paths([path], **kwargs))
    assert isinstance(item, Refusal), item
    return item.reason


# --------------------------------------------------------------------------- .txt layouts


def test_seed_000_outlet_section_title():
    [doc] = read_file(next(SEEDS.glob("000_*.txt")))
    assert doc.outlet == "KSMO Santa Monica"
    assert doc.section == "News"
    assert doc.title == (
        "Moscow's Anti-Air Defenses Intercept and Destroy Drones in First Confirmed Use"
    )
    assert doc.body.startswith("Anti-air defense systems in Moscow")
    assert doc.published is None and doc.language is None


def test_seed_004_has_no_title_and_keeps_first_paragraph():
    path = next(SEEDS.glob("004_*.txt"))
    [doc] = read_file(path)
    assert doc.title is None and doc.outlet is None and doc.section is None
    assert doc.body.startswith("In a recent update from Kaluga region authorities")
    assert doc.body == path.read_text(encoding="utf-8").strip()


def test_corpus_layout_with_sidecar(tmp_path):
    write(tmp_path / "007.txt", "Drones downed over Kaluga\n" + BODY + "\n")
    write(tmp_path / "007.meta.json", json.dumps({
        "url": "https://example.org/a", "outlet": "TASS", "published": "2024-01-18",
        "title_source": "page",
    }))
    [doc] = read_file(tmp_path / "007.txt", published=date(2020, 1, 1))
    assert doc.title == "Drones downed over Kaluga"
    assert doc.body == BODY
    assert (doc.outlet, doc.url, doc.published) == ("TASS", "https://example.org/a",
                                                    date(2024, 1, 18))
    assert doc.path == str(tmp_path / "007.txt")


def test_sidecar_outlet_wins_over_outlet_line_and_null_date_falls_back(tmp_path):
    write(tmp_path / "a.txt", "Daily Planet\nWorld\n\nDrone attack on a refinery\n\n" + BODY)
    write(tmp_path / "a.meta.json", '{"outlet": "Reuters", "published": null}')
    [doc] = read_file(tmp_path / "a.txt", published=date(2025, 8, 19))
    assert (doc.outlet, doc.section, doc.title) == ("Reuters", "World",
                                                    "Drone attack on a refinery")
    assert doc.published == date(2025, 8, 19)


def test_corpus_layout_edge_cases():
    # Empty line 1: no title, and a leading dateline paragraph is body.
    parts = split_txt("\nKURSK, June 29. /TASS/. A drone was shot down.\n\nMore text.")
    assert parts["title"] is None
    assert parts["body"] == "KURSK, June 29. /TASS/. A drone was shot down.\n\nMore text."
    # A first line ending with a colon opens the body.
    parts = split_txt("Statement by the Russian Ministry of Defense:\n7 - above Smolensk region,")
    assert parts["title"] is None and parts["body"].startswith("Statement by")
    # A photo caption after the title is body.
    caption = "Service members sweep the sky with searchlights. (Reuters)"
    parts = split_txt(f"Ukraine downs 22 of 33 drones\n{caption}\n\nUkraine's military said.")
    assert parts["title"] == "Ukraine downs 22 of 33 drones"
    assert parts["body"].startswith(caption)
    # A lone short line is body, not a title with nothing under it.
    assert split_txt("Drone attack in Kursk") == {
        "outlet": None, "section": None, "title": None, "body": "Drone attack in Kursk"}


def test_body_whitespace(tmp_path):
    text = "\n\nTitle of it\n\n\n\nFirst paragraph.   \n\n\n\nSecond paragraph.\n\n\n"
    [doc] = read_file(write(tmp_path / "w.txt", text))
    assert doc.title == "Title of it"
    assert doc.body == "First paragraph.\n\nSecond paragraph."


def test_sql_title_kept_verbatim(tmp_path):
    title = "'; DROP TABLE articles; --"
    [doc] = read_file(write(tmp_path / "x.txt", f"{title}\n{BODY}"))
    assert doc.title == title
    assert doc.body == BODY


# --------------------------------------------------------------------------- other formats


def test_markdown_front_matter(tmp_path):
    text = (
        "---\ntitle: Drones over Kaluga\noutlet: Kommersant\npublished: 2024-05-14\n"
        "url: https://example.org/md\nlanguage: en\nauthor: ignored\n---\n\n"
        "# Drones over Kaluga\n\n" + BODY + "\n"
    )
    [doc] = read_file(write(tmp_path / "a.md", text))
    assert (doc.title, doc.outlet, doc.published, doc.url, doc.language) == (
        "Drones over Kaluga", "Kommersant", date(2024, 5, 14), "https://example.org/md", "en")
    assert doc.body == BODY


def test_markdown_without_front_matter_and_broken_front_matter(tmp_path):
    [doc] = read_file(write(tmp_path / "b.md", "# A heading title\n\n" + BODY))
    assert doc.title == "A heading title" and doc.body == BODY and doc.published is None
    assert refusal(write(tmp_path / "c.md", "---\ntitle: [oops\n---\n" + BODY)) == (
        "malformed front matter")


def test_html(tmp_path):
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Drones over Kaluga - TASS</title>'
        '<meta property="og:site_name" content="TASS">'
        '<meta property="og:title" content="Drones over Kaluga">'
        '<meta property="article:published_time" content="2022-06-28T21:00:00Z">'
        '<link rel="canonical" href="https://tass.com/world/1"></head><body>'
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Drones over Kaluga</h1>{paragraphs}</article>"
        "<footer>Copyright TASS 2022. All rights reserved.</footer></body></html>"
    )
    [doc] = read_file(write(tmp_path / "page.html", html))
    assert (doc.title, doc.outlet, doc.url, doc.language) == (
        "Drones over Kaluga", "TASS", "https://tass.com/world/1", "en")
    assert doc.published == date(2022, 6, 28)
    assert "three drones over the Kaluga region" in doc.body
    assert "Maloyaroslavets" in doc.body
    assert "Copyright" not in doc.body and "Home" not in doc.body


def test_jsonl_with_one_malformed_line(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "First", "body": BODY, "outlet": "TASS",
                    "published": "2024-01-18", "url": "https://x/1", "language": "en"}),
        '{"title": "broken", "body": ',
        "",
        json.dumps({"title": "Second", "text": "Another drone report text."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No body"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_paths([path], published=date(2023, 1, 1)))
    docs = [i for i in items if isinstance(i, Document)]
    refusals = [i for i in items if isinstance(i, Refusal)]
    assert [d.path for d in docs] == [f"{path}#a1", f"{path}#4"]
    assert (docs[0].title, docs[0].outlet, docs[0].published, docs[0].language) == (
        "First", "TASS", date(2024, 1, 18), "en")
    assert (docs[1].body, docs[1].published, docs[1].language) == (
        "Another drone report text.", date(2023, 1, 1), None)
    assert [(r.path, r.reason) for r in refusals] == [
        (str(path), "line 2: malformed json"),
        (str(path), "line 5: not a json object"),
        (str(path), "line 6: no body text"),
    ]
    with pytest.raises(ReadError, match="line 2: malformed json"):
        read_file(path)


def test_jsonl_cap_applies_per_record(tmp_path):
    long_line = json.dumps({"body": "x" * 500})
    path = write(tmp_path / "big.jsonl", long_line + "\n" + json.dumps({"body": "short"}) + "\n")
    items = list(read_paths([path], max_bytes=100))
    assert items[0] == Refusal(str(path), "line 1: larger than 100 bytes")
    assert isinstance(items[1], Document) and items[1].body == "short"


# --------------------------------------------------------------------------- encodings


def test_cp1251(tmp_path):
    title = "Беспилотник сбит над Калужской областью"
    body = ("Системы ПВО уничтожили три беспилотника над территорией области ночью, "
            "сообщил губернатор в своём канале. Пострадавших нет, разрушений тоже нет.")
    [doc] = read_file(write(tmp_path / "ru.txt", f"{title}\n\n{body}\n", "cp1251"))
    assert (doc.title, doc.body) == (title, body)


def test_utf16_and_utf8_bom(tmp_path):
    text = "Дрон над Курском\n\nБеспилотник сбит над Курском, сообщил губернатор."
    [doc16] = read_file(write(tmp_path / "u16.txt", text, "utf-16"))
    [doc8] = read_file(write(tmp_path / "u8.txt", text, "utf-8-sig"))
    assert doc16.title == doc8.title == "Дрон над Курском"
    assert doc16.body == doc8.body == "Беспилотник сбит над Курском, сообщил губернатор."
    assert doc16.sha256 == doc8.sha256


def test_nul_bytes_removed_and_nfc(tmp_path):
    raw = "Drone\x00 over Kursk\r\n\r\nA drone was shot\x00 down. Cafe\u0301 damaged.\r\n"
    [doc] = read_file(write(tmp_path / "nul.txt", raw))
    assert doc.title == "Drone over Kursk"
    assert doc.body == "A drone was shot down. Caf\u00e9 damaged."


# --------------------------------------------------------------------------- refusals


def test_refusals(tmp_path):
    assert refusal(write(tmp_path / "empty.txt", "")) == "empty file"
    assert refusal(write(tmp_path / "blank.txt", "\n \n")) == "empty file"
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert refusal(binary) == "binary file, not text"
    pdf = tmp_path / "doc.txt"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    assert refusal(pdf) == "binary file, not text"
    big = write(tmp_path / "big.txt", "Title\n\n" + "word " * 100)
    assert refusal(big, max_bytes=100) == "larger than 100 bytes"
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    assert refusal(tmp_path / "missing.txt") == "no such file or directory"
    assert refusal(write(tmp_path / "s.html", "<html><body><nav></nav></body></html>")) == (
        "no body text")
    write(tmp_path / "bad.txt", BODY)
    write(tmp_path / "bad.meta.json", "{not json")
    assert refusal(tmp_path / "bad.txt") == "malformed sidecar bad.meta.json"
    write(tmp_path / "notes.pdf", "x")
    assert refusal(tmp_path / "notes.pdf") == "unsupported file type .pdf"
    bad_date = write(tmp_path / "d.md", "---\npublished: sometime\n---\n" + BODY)
    assert refusal(bad_date) == "bad published date 'sometime'"


def test_read_error_carries_path_and_reason(tmp_path):
    path = write(tmp_path / "empty.txt", "")
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert (caught.value.path, caught.value.reason) == (str(path), "empty file")
    assert str(caught.value) == f"{path}: empty file"


# --------------------------------------------------------------------------- walking


def test_directory_walk_is_sorted_and_skips_what_is_not_an_article(tmp_path):
    write(tmp_path / "b.txt", "Title B\n\n" + BODY)
    write(tmp_path / "a.txt", "Title A\n\n" + BODY)
    write(tmp_path / "a.meta.json", '{"outlet": "TASS"}')
    write(tmp_path / ".hidden.txt", "Hidden\n\n" + BODY)
    write(tmp_path / "notes.csv", "a,b")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "c.txt", "Git\n\n" + BODY)
    write(tmp_path / "sub" / "c.md", "# Title C\n\n" + BODY)
    write(tmp_path / "sub" / "empty.txt", "")
    items = list(read_paths([tmp_path, tmp_path / "nope"]))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("Document", "a.txt"), ("Document", "b.txt"), ("Document", "c.md"),
        ("Refusal", "empty.txt"), ("Refusal", "nope"),
    ]
    assert items[0].outlet == "TASS"


def test_a_walk_names_everything_it_passes_over(tmp_path):
    write(tmp_path / "a.txt", "Title A\n\n" + BODY)
    write(tmp_path / "a.meta.json", '{"outlet": "TASS"}')  # read with a.txt: not skipped
    write(tmp_path / "orphan.meta.json", '{"outlet": "TASS"}')
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 binary")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG binary")
    write(tmp_path / "README.md", "# About this folder\n\n" + BODY)
    write(tmp_path / "LICENSE", "Public domain.")
    write(tmp_path / ".DS_Store", "x")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "c.txt", "Git\n\n" + BODY)
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "elsewhere" / "e.txt", "Title E\n\n" + BODY)
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    skipped: list[Skip] = []
    items = list(read_paths([tmp_path], on_skip=skipped.append))
    assert [Path(i.path).name for i in items] == ["a.txt", "e.txt"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        (".DS_Store", "hidden"),
        (".git", "hidden"),
        ("LICENSE", "notes, not an article"),
        ("README.md", "notes, not an article"),
        ("link", "symbolic link to a folder, not followed"),
        ("orphan.meta.json", "sidecar without its article"),
        ("photo.png", "unsupported type"),
        ("report.pdf", "unsupported type"),
    ]
    # named on the command line, a README is read and a PDF is refused, as before
    named = list(read_paths([tmp_path / "README.md", tmp_path / "report.pdf"]))
    assert named[0].title == "About this folder"
    assert named[1] == Refusal(str(tmp_path / "report.pdf"), "unsupported file type .pdf")


def test_read_paths_is_lazy(tmp_path):
    write(tmp_path / "a.txt", "Title A\n\n" + BODY)
    stream = read_paths([tmp_path / "a.txt", tmp_path / "missing"])
    assert isinstance(next(stream), Document)
    assert next(stream) == Refusal(str(tmp_path / "missing"), "no such file or directory")


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        ("Drones over Kaluga\n\n" + BODY).encode())))
    doc = only(read_paths(["-"], published=date(2024, 1, 1)))
    assert (doc.path, doc.title, doc.body, doc.published) == (
        "<stdin>", "Drones over Kaluga", BODY, date(2024, 1, 1))
    records = json.dumps({"id": 7, "body": BODY}) + "\n{broken\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(records.encode())))
    items = list(read_paths(["-"]))
    assert items[0].path == "<stdin>#7"
    assert items[1] == Refusal("<stdin>", "line 2: malformed json")


def test_a_parser_crash_is_a_refusal_not_an_abort(tmp_path, monkeypatch):
    import incidentdb.read as read

    def boom(text):
        raise ValueError("odd input")

    monkeypatch.setattr(read, "split_txt", boom)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.md", BODY)
    items = list(read_paths([tmp_path]))
    assert items[0] == Refusal(str(tmp_path / "a.txt"), "unreadable (valueerror)")
    assert isinstance(items[1], Document)
