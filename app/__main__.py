"""`python -m app` runs the same command as `interview-desk`."""

import sys

from app.cli import main

sys.exit(main())
