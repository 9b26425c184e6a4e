import datetime

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Privacy: imports no other Credence app; others register with it."""

    name = "privacy"
    verbose_name = "Privacy"

    def ready(self):
        from privacy import services
        from privacy.registry import register_personal_data, register_retention

        register_personal_data("privacy_choices", services.export_choices)
        register_personal_data("identity_changes", services.export_identity_changes)
        register_retention(
            "identity_changes",
            keep=datetime.timedelta(days=6 * 365 + 2),
            purge=services.purge_identity_changes,
            description="audit of name and email changes: six years",
        )
