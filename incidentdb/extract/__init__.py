"""Pure extraction: Document in, Extraction out.

No database and no I/O beyond the packaged data tables (read once per process), so extraction
can run in many processes or on a cluster. Every value keeps the span of the body it comes from.
"""

from __future__ import annotations

from ..document import Document
from .incidents import build
from .model import Extraction

EXTRACTOR_VERSION = "1.2.0"
# Bounded work per document: past this many characters a document is refused, not extracted.
# News reports run to a few thousand words; 100,000 characters (about 16,000 words) keeps the
# worst case near one second (bench/pathological.py).
MAX_CHARS = 100_000

__all__ = ["EXTRACTOR_VERSION", "MAX_CHARS", "DocumentTooLarge", "extract"]


class DocumentTooLarge(ValueError):
    """The document is longer than the per-document cap; the reason reads as a refusal."""


def extract(document: Document, *, max_chars: int | None = MAX_CHARS) -> Extraction:
    """Incidents stated in one article; never raises on odd text (a bad article yields none),
    but refuses one longer than ``max_chars`` before doing any work."""
    body = document.body or ""
    if max_chars is not None and len(body) > max_chars:
        raise DocumentTooLarge(
            f"{len(body):,} characters, more than the {max_chars:,} extracted per document "
            "(raise --max-chars to extract it)"
        )
    try:
        incidents = build(body, document.published)
    except Exception:  # noqa: BLE001 - one pathological text must not stop a batch
        incidents = []
    return Extraction(extractor_version=EXTRACTOR_VERSION, incidents=incidents)
