"""Let the provider's "Training team" group review identity changes."""

from django.db import migrations

GROUP = "Training team"
PERMISSIONS = [
    ("privacy", "view_identitychange"),
    ("privacy", "change_identitychange"),
]


def grant(apps, schema_editor):
    from django.apps import apps as installed_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    create_permissions(installed_apps.get_app_config("privacy"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def withdraw(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    for app_label, codename in PERMISSIONS:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0004_details_confirmation_change_requests_and_email_changes"),
        ("lms", "0003_training_team_group"),
        ("privacy", "0002_privacy_choices_and_identity_change_audit"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
