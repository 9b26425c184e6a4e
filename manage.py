#!/usr/bin/env python
"""Run Django's command-line utility for Credence."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    """Put the project configuration folder on the path and run a command."""
    # The standard library owns the module name ``site``, so the folder is
    # not imported as a package: its modules are imported by their own names.
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
