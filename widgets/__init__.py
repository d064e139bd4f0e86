"""Reusable display and input pieces; they know nothing of HTTP or SQLite."""
