"""Files the installed package ships. `styles.tcss` lives at the repository root; the package's
`app/styles.tcss` link to it is copied as a real file into wheels, so an installed,
non-editable copy finds it too."""

from pathlib import Path

STYLES_PATH = Path(__file__).resolve().parent / "styles.tcss"
