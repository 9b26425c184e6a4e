from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Privacy: imports no other Credence app; others register with it."""

    name = "privacy"
    verbose_name = "Privacy"
