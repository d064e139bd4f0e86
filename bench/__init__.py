"""Benchmarks for Interview Desk (issue 9): `python -m bench --size small|full [--json PATH]`."""
