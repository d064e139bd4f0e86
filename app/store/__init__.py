"""The local SQLite cache: the single source of truth for every screen."""

from app.store.rows import (
    AnalysedInterview,
    CandidateQuery,
    CandidateRow,
    CandidateSort,
    InterviewRow,
    InterviewView,
    JobRatings,
    MonitorEntry,
    PurgeReport,
    RankedCandidate,
    SearchHit,
)
from app.store.schema import SCHEMA_VERSION, CacheFull, CacheUnwritable, StoreDamaged, StoreError
from app.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "AnalysedInterview",
    "CacheFull",
    "CacheUnwritable",
    "CandidateQuery",
    "CandidateRow",
    "CandidateSort",
    "InterviewRow",
    "InterviewView",
    "JobRatings",
    "MonitorEntry",
    "PurgeReport",
    "RankedCandidate",
    "SearchHit",
    "Store",
    "StoreDamaged",
    "StoreError",
]
