"""The local SQLite cache: the single source of truth for every screen."""
