"""Replication from the API into the store, and the live-interview watcher.

Creating while offline is refused, not queued: the scheduling form keeps its draft on disk and
says that nothing was sent, so an interview is never sent twice and never silently lost. An
outbox would have to guess, after reconnecting, whether the recruiter still wants a call at a
time that may have passed; asking them is safer.
"""
