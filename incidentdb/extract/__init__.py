"""Pure extraction: Document in, Extraction out.

No database and no I/O beyond the packaged data tables (read once per process), so extraction
can run in many processes or on a cluster. Every value keeps the span of the body it comes from.
"""

from __future__ import annotations

from ..document import Document
from .confidence import rate
from .incidents import build
from .model import Extraction

EXTRACTOR_VERSION = "1.14.2"
# Bounded work per document: past this many characters a document is refused, not extracted.
# News reports run to a few thousand words; 100,000 characters (about 16,000 words) keeps the
# worst case near one second (bench/pathological.py).
MAX_CHARS = 100_000

__all__ = ["EXTRACTOR_VERSION", "MAX_CHARS", "DocumentTooLarge", "ExtractionFailed", "extract"]


class DocumentTooLarge(ValueError):
    """The document is longer than the per-document cap; the reason reads as a refusal."""


class ExtractionFailed(RuntimeError):
    """A rule raised on this document: a bug to report, never an article with no incidents."""


def extract(document: Document, *, max_chars: int | None = MAX_CHARS) -> Extraction:
    """Incidents stated in one article. A document longer than ``max_chars`` is refused before
    any work; a rule that raises becomes :class:`ExtractionFailed`, so a crash is never taken
    for "no incidents" (the loader records it and leaves the article to be retried)."""
    body = document.body or ""
    if max_chars is not None and len(body) > max_chars:
        raise DocumentTooLarge(
            f"{len(body):,} characters, more than the {max_chars:,} extracted per document "
            "(raise --max-chars to extract it)"
        )
    try:
        incidents = rate(build(body, document.published), body, document.published)
    except Exception as exc:
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        line = f" at {where.tb_frame.f_code.co_name}:{where.tb_lineno}" if where else ""
        raise ExtractionFailed(
            f"extraction failed ({type(exc).__name__}: {exc}{line}); please report it"
        ) from exc
    return Extraction(extractor_version=EXTRACTOR_VERSION, incidents=incidents)
