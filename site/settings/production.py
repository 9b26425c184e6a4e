"""Settings for production: everything secret or site-specific comes from
the environment, and the process refuses to start without it."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED_ENVIRONMENT = (
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
    "PROVIDER_NOTIFICATION_EMAIL",
)

missing = [name for name in REQUIRED_ENVIRONMENT if not os.environ.get(name)]
if missing:
    raise ImproperlyConfigured(
        "Credence cannot start in production without these environment "
        "variables: " + ", ".join(missing)
    )

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = [host.strip() for host in os.environ["ALLOWED_HOSTS"].split(",")]
CSRF_TRUSTED_ORIGINS = [os.environ["SITE_URL"].rstrip("/")]
WAGTAILADMIN_BASE_URL = os.environ["SITE_URL"].rstrip("/")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PROVIDER_NOTIFICATION_EMAIL = os.environ["PROVIDER_NOTIFICATION_EMAIL"]

# TLS ends at the proxy in front of gunicorn, which sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
