"""The local cache: one SQLite file that every screen reads and only sync and actions write.

`Store` is the one object the rest of the app holds. Its methods are written by job, in four
modules, each a class on the same connection (`CacheFile`, app/store/cache_file.py):

- `Ingest` (ingest.py): saving what sync brings, the texts for the full-text index, deletes,
  the sync state and which candidates are due a listing;
- `Queries` (queries.py): the lists and details the screens read;
- `Search` (search.py): full text over analyses and transcripts;
- `Gdpr` (gdpr.py): the purge, the compaction and the purge log.

So `store.save_candidates(...)` and `store.candidate_rows(...)` are called on the store as
they always were, and each lives in exactly one place.
"""

from __future__ import annotations

from app.store.gdpr import Gdpr
from app.store.ingest import Ingest
from app.store.queries import Queries
from app.store.search import Search


class Store(Ingest, Queries, Search, Gdpr):
    """The cache file, its writes, its queries, its search and its GDPR purge (opening it,
    read-only or damaged, is CacheFile's)."""
