"""The unit every stage passes along: one article's text and what is known about it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date


def normalise_text(text: str) -> str:
    """NFC, no NUL bytes, Unix newlines: the same article always hashes the same."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Document:
    """An article as read from disk or a stream; ``body`` is what evidence spans point into."""

    body: str
    title: str | None = None
    outlet: str | None = None
    section: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(
            f"{self.title or ''}\n{self.body}".encode()
        ).hexdigest()
        object.__setattr__(self, "sha256", digest)

    @property
    def word_count(self) -> int:
        return len(self.body.split())
