"""Replication from the API into the store, and the live-interview watcher."""
