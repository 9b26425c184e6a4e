from django.apps import AppConfig, apps


class LmsConfig(AppConfig):
    """The learning-management core of Credence."""

    name = "lms"
    verbose_name = "Training"

    def ready(self):
        from lms import retention

        retention.register()
        from django.db.models.signals import post_migrate

        from lms.groups import ensure_training_team

        # After the permissions themselves exist, which Django makes on
        # post_migrate of each app; "privacy" comes after "lms".
        post_migrate.connect(
            ensure_training_team, sender=apps.get_app_config("privacy")
        )
        from lms import personal_data
        from lms.services.identity import disable_and_forfeit
        from privacy.registry import register_account_action, register_personal_data

        register_personal_data("account", personal_data.export_account)
        register_personal_data("roles", personal_data.export_roles)
        register_personal_data("enrolments", personal_data.export_enrolments)
        register_personal_data("credit_requests", personal_data.export_credit_requests)
        register_personal_data("change_requests", personal_data.export_change_requests)
        register_account_action(
            "disable_and_forfeit",
            "Disable the account and forfeit its credit",
            disable_and_forfeit,
        )
