"""Files the installed package ships. `styles.tcss` lives at the repository root; the package's
`app/styles.tcss` link to it is copied as a real file into wheels, so an installed,
non-editable copy finds it too. Each section's own stylesheet sits beside its screen."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
STYLES_PATH = _PACKAGE / "styles.tcss"
SCHEDULE_STYLES = _PACKAGE / "ui" / "screens" / "schedule.tcss"
MONITOR_STYLES = _PACKAGE / "ui" / "screens" / "monitor.tcss"
VIEWER_STYLES = _PACKAGE / "ui" / "screens" / "viewer.tcss"
