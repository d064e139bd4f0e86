"""Reusable display and input pieces; they know nothing of HTTP or SQLite.

- virtual_table: VirtualTable over a RowSource (count + windows of rows), Column specs
- status_badge: status_text() and StatusBadge (colour, sign and word)
- rating: rating_text(), rating_band(), RatingGauge, ScoreBar
- transcript_view: TranscriptView with pager-style search
- histogram: rating_summary() and RatingHistogram
- chips: FilterChips
- skills_input: SkillsInput and SkillCounter
- text: clean() and plain_line() for showing server text safely
"""
