"""The provider's demo training-team account that seed_demo creates."""

import io

import pytest
from django.core.management import call_command

from lms.demo_provider import seed_training_team_member
from tests.course_factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    return make_course()


def test_the_demo_training_team_member_is_seeded_once_and_gets_in(client, course):
    first = seed_training_team_member()

    second = seed_training_team_member()
    client.force_login(second)

    assert first == second
    assert set(second.groups.values_list("name", flat=True)) == {
        "Training team",
        "Moderators",
    }
    assert client.get("/admin/training/organisations/").status_code == 200
    assert client.get("/admin/training/purchases/new/").status_code == 200


def test_seed_demo_prints_the_training_team_sign_in(db):
    output = io.StringIO()

    call_command("seed_demo", "--force", stdout=output)

    assert "Training team" in output.getvalue()
    assert "training@credence.example" in output.getvalue()
