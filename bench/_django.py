"""Set up Django for a benchmark script on a throwaway database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup():
    """Configure Django on a fresh, migrated database and return its label.

    SQLite in a temporary folder unless ``DATABASE_URL`` names another
    database, which must be empty and disposable.
    """
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="credence-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.test.utils import override_settings

    # Queue emails as production does instead of sending them inline.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        ALLOWED_HOSTS=["*"],
    ).enable()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def median(values):
    """Return the median of a list of numbers."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
