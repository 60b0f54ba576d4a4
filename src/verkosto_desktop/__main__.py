"""`python -m verkosto_desktop` behaves exactly like `verkosto`."""

import sys

from verkosto_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
