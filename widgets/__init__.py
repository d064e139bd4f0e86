"""Reusable display and input pieces; they know nothing of HTTP or SQLite.

- virtual_table: VirtualTable over a RowSource (count + windows of rows), Column specs
- status_badge: status_text() and StatusBadge (colour, sign and word)
- rating: rating_text(), rating_band(), RatingGauge, ScoreBar
- transcript_view: TranscriptView with pager-style search
- histogram: rating_summary() and RatingHistogram
- chips: FilterChips
- skills_input: SkillsInput and SkillCounter
- text: clean(), the one function that makes server text safe for a terminal, and what is
  built on it: plain_line(), line_text(), block_text(), csv_cell()
- terminal_guard: TerminalGuard, the line filter that strips any control left before drawing
"""
