"""What the toasts say, read as the recruiter reads them: the Toast widgets on the screen, each
rendered as its title on one line and its message below (not the App's private list of
notifications).

Toasts exist only in an app run with `run_test(notifications=True)`; reading them in any other
would find none and make every "no such toast" check pass for nothing, so it is refused."""

from __future__ import annotations

from textual.app import App


def toasts(app: App[object]) -> list[str]:
    """Each toast on the current screen, oldest first: 'Title\\nmessage' (or the message alone
    when it has no title)."""
    screen = app.screen
    assert screen.query("ToastRack"), "toasts show only with run_test(notifications=True)"
    return [str(toast.render()) for toast in screen.query("Toast")]


def told(app: App[object]) -> str:
    """Every toast on the current screen, one after another."""
    return "\n".join(toasts(app))


def titled(app: App[object], title: str) -> list[str]:
    """The messages of the toasts with this title."""
    return [text.partition("\n")[2] for text in toasts(app) if text.partition("\n")[0] == title]
