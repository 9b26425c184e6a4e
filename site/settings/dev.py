"""Settings for a developer's machine: debug pages, console email."""

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is acceptable only here: dev never serves real data.
SECRET_KEY = "dev-only-not-secret-credence"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STATIC_ROOT = None  # served from the apps' folders, nothing collected
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
