"""Interview Desk: a terminal desk for recruiters working with AI-conducted interviews."""

__version__ = "0.1.0"
