"""The local SQLite cache: the single source of truth for every screen. The records of the
sections past the candidate list are in app.store.section_rows (see rows.py for why)."""

from app.store.rows import (
    CandidateQuery,
    CandidateRow,
    CandidateSort,
    PurgeReport,
)
from app.store.schema import SCHEMA_VERSION, CacheFull, CacheUnwritable, StoreDamaged, StoreError
from app.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CacheFull",
    "CacheUnwritable",
    "CandidateQuery",
    "CandidateRow",
    "CandidateSort",
    "PurgeReport",
    "Store",
    "StoreDamaged",
    "StoreError",
]
