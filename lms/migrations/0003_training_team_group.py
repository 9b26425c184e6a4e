"""Create the provider's "Training team" group with the rights it needs."""

from django.db import migrations

GROUP = "Training team"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lms", "view_organisation"),
    ("lms", "add_organisation"),
    ("lms", "change_organisation"),
    ("lms", "manage_delegates"),
    ("lms", "manage_managers"),
    ("lms", "view_user"),
    ("lms", "change_user"),
    ("lms", "view_creditaccount"),
    ("lms", "view_creditentry"),
    ("lms", "add_creditentry"),
    ("lms", "view_enrolment"),
    ("lms", "view_creditrequest"),
]


def create_group(apps, schema_editor):
    from django.apps import apps as installed_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    for label in ("wagtailadmin", "lms"):
        create_permissions(installed_apps.get_app_config(label), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_organisations_roles_credits_and_enrolments"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
