"""Settings for the test suite: fast hashing, in-memory email, tasks inline."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-credence"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Wagtail enqueues search and reference-index work on publish; run it inline.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT = None  # served from the apps' folders, nothing collected
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
LOG_LEVEL = "WARNING"
LOGGING["root"]["level"] = LOG_LEVEL  # noqa: F405
