"""ASGI entry point, for servers that speak ASGI."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (str(ROOT), str(ROOT / "site")):
    if folder not in sys.path:
        sys.path.insert(0, folder)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
