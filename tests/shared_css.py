"""Stylesheet sources parsed once per test process, not once per app.

Textual keeps the rules it parsed from each CSS source (the app's styles.tcss and every
widget's DEFAULT_CSS) in a cache that belongs to one stylesheet, so each App parses them all
again. The desk starts one app per process and pays this once; a test process starts hundreds
of apps, and parsing was about 5% of the CPU of the screen tests (1.9 s of 35 s in
tests/ui/analysis, monitor, review, test_keys_and_cursor.py and test_screen_sizes.py).

So the suite shares what was parsed between the apps it starts, keyed by everything a parse
reads: the source's text, where it came from, whether it is a widget's default CSS, its tie
breaker and scope, and the CSS variables (the theme) it was parsed with. A source that fails
to parse raises as before and is not kept. Textual reuses parsed rules the same way within
one app (`Stylesheet._parse_cache`), so apps sharing them is what one app already does.

`Stylesheet._parse_rules` is a private method of Textual's; if an upgrade renames it,
`share_parsed_css` fails loudly rather than leave the suite silently slower. A test that counts
Textual's parses (tests/widgets/test_private_hooks.py) puts `TEXTUALS_PARSE_RULES` back.
"""

from __future__ import annotations

from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_PARSED: dict[tuple[Any, ...], list[RuleSet]] = {}
TEXTUALS_PARSE_RULES = getattr(Stylesheet, "_parse_rules", None)


def share_parsed_css() -> None:
    """Make every stylesheet of this process look up a source's rules in one shared cache
    before parsing it."""
    parse_rules = TEXTUALS_PARSE_RULES
    if parse_rules is None:
        raise RuntimeError("textual's Stylesheet._parse_rules is gone: see tests/shared_css.py")

    def shared_parse_rules(self: Stylesheet, css: str, read_from: Any,
                           is_default_rules: bool = False, tie_breaker: int = 0,
                           scope: str = "") -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(self._variables.items()))
        rules = _PARSED.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            _PARSED[key] = rules
        return rules

    Stylesheet._parse_rules = shared_parse_rules  # type: ignore[method-assign]
