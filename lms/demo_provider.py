"""The provider's demo training-team account for ``seed_demo``."""

from django.contrib.auth.models import Group

from lms.demo import DEMO_PASSWORD
from lms.groups import TRAINING_TEAM
from lms.models import User

TRAINING_TEAM_EMAIL = "training@credence.example"
#: The training team works in the admin's Training menu and, as Wagtail
#: moderators, edits and publishes course pages.
TRAINING_TEAM_GROUPS = (TRAINING_TEAM, "Moderators")


def seed_training_team_member():
    """Return the demo member of the provider's training team, creating it
    once and keeping it in the team's groups."""
    person = User.objects.filter(email=TRAINING_TEAM_EMAIL).first()
    if person is None:
        person = User.objects.create_user(
            TRAINING_TEAM_EMAIL,
            DEMO_PASSWORD,
            title=User.Title.MS,
            first_name="Aisha",
            last_name="Khan",
            is_staff=True,
        )
    person.groups.add(*Group.objects.filter(name__in=TRAINING_TEAM_GROUPS))
    return person
