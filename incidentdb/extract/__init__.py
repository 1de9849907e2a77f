"""Pure extraction: Document in, Extraction out.

No database and no I/O beyond the packaged data tables (read once per process), so extraction
can run in many processes or on a cluster. Every value keeps the span of the body it comes from.
"""

from __future__ import annotations

from ..document import Document
from .incidents import build
from .model import Extraction

EXTRACTOR_VERSION = "1.2.0"

__all__ = ["EXTRACTOR_VERSION", "extract"]


def extract(document: Document) -> Extraction:
    """Incidents stated in one article; never raises on odd text (a bad article yields none)."""
    body = document.body or ""
    try:
        incidents = build(body, document.published)
    except Exception:  # noqa: BLE001 - one pathological text must not stop a batch
        incidents = []
    return Extraction(extractor_version=EXTRACTOR_VERSION, incidents=incidents)
