"""The provider's staff group and the rights it carries.

The group is kept in step after every ``migrate`` (and after the test
runner's database flush), so the list below is the one place that says
what the training team may do.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

TRAINING_TEAM = "Training team"

#: (app label, codename) of every permission the training team holds.
TRAINING_TEAM_PERMISSIONS = [
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
    ("privacy", "view_identitychange"),
    ("privacy", "change_identitychange"),
]


def ensure_training_team(**kwargs):
    """Create the training team group if missing and grant its rights."""
    # Signal receivers run in the order apps connected them, which may be
    # before Django makes these permissions; making them here is harmless.
    for label in {app_label for app_label, _ in TRAINING_TEAM_PERMISSIONS}:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _ = Group.objects.get_or_create(name=TRAINING_TEAM)
    wanted = Permission.objects.none()
    for app_label, codename in TRAINING_TEAM_PERMISSIONS:
        wanted |= Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    group.permissions.add(*wanted)
    return group
