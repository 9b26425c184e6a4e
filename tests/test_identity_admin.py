"""The training team's listing of identity changes in the Wagtail admin."""

import pytest

from lms.models import CreditEntry
from lms.services import identity
from privacy.models import IdentityChange
from tests.factories import UserFactory, make_provider_staff
from tests.identity_factories import Setting

pytestmark = pytest.mark.django_db

LISTING = "/admin/identity_changes/"


@pytest.fixture
def world(home_page):
    setting = Setting(home_page)
    identity.update_details(
        actor=setting.manager,
        person=setting.delegate,
        route=identity.Route.MANAGER,
        title="Mr",
        first_name="Gareth",
        last_name="Pryce",
        email=setting.delegate.email,
    )
    identity.update_details(
        actor=setting.other_delegate,
        person=setting.other_delegate,
        route=identity.Route.DELEGATE,
        title=setting.other_delegate.title,
        first_name=setting.other_delegate.first_name,
        last_name="Quiet-Change",
        email=setting.other_delegate.email,
    )
    setting.flagged = IdentityChange.objects.filter(flagged=True).first()
    setting.passed = IdentityChange.objects.get(flagged=False)
    return setting


def test_provider_staff_see_every_identity_change_with_its_state(client, world):
    client.force_login(make_provider_staff())

    html = client.get(LISTING).content.decode()

    assert "Mr Gareth Pryce" in html
    assert "Quiet-Change" in html
    assert "Both the first name and the family name were replaced." in html
    assert "New" in html


def test_provider_staff_filter_flagged_changes_waiting_for_review(client, world):
    client.force_login(make_provider_staff())

    html = client.get(LISTING, {"flagged": "true", "review_state": "new"}).content
    html = html.decode()

    assert "Mr Gareth Pryce" in html
    assert "Quiet-Change" not in html


def test_provider_staff_see_a_change_with_the_safeguards_reasons(client, world):
    client.force_login(make_provider_staff())

    html = client.get(f"{LISTING}inspect/{world.flagged.pk}/").content.decode()

    assert "Both the first name and the family name were replaced." in html
    assert "Disable the account and forfeit its credit" in html
    assert "Mark as reviewed" in html


def test_superuser_finds_no_way_to_add_edit_or_delete_audit_entries(client, world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(LISTING).content.decode()

    assert f"{LISTING}new/" not in listing
    assert client.get(f"{LISTING}new/").status_code == 404
    assert client.get(f"{LISTING}edit/{world.flagged.pk}/").status_code == 404
    assert client.get(f"{LISTING}delete/{world.flagged.pk}/").status_code == 404


def test_provider_staff_mark_a_change_reviewed(client, world):
    staff = make_provider_staff()
    client.force_login(staff)

    client.post(f"{LISTING}review/{world.passed.pk}/", {"note": "Fine."})

    world.passed.refresh_from_db()
    assert (world.passed.review_state, world.passed.reviewed_by) == ("reviewed", staff)


def test_provider_staff_disable_and_forfeit_from_the_change(client, world):
    client.force_login(make_provider_staff())

    response = client.post(
        f"{LISTING}action/{world.flagged.pk}/disable_and_forfeit/",
        {"disable_and_forfeit-reason": "Handed to a colleague."},
        follow=True,
    )

    assert "Done: disable the account and forfeit its credit." in (
        response.content.decode()
    )
    world.delegate.refresh_from_db()
    assert not world.delegate.is_active
    assert CreditEntry.objects.filter(kind="forfeit", delegate=world.delegate).exists()


def test_provider_staff_without_a_reason_are_told_to_give_one(client, world):
    client.force_login(make_provider_staff())

    response = client.post(
        f"{LISTING}action/{world.flagged.pk}/disable_and_forfeit/", {}, follow=True
    )

    assert "Give the reason for this action." in response.content.decode()
    world.delegate.refresh_from_db()
    assert world.delegate.is_active


@pytest.mark.parametrize("who", ["company manager", "licence holder", "delegate"])
def test_customers_cannot_reach_the_listing_or_its_actions(client, world, who):
    actor = {
        "company manager": world.manager,
        "licence holder": world.licence_holder,
        "delegate": world.other_delegate,
    }[who]
    client.force_login(actor)

    listing = client.get(LISTING)
    action = client.post(
        f"{LISTING}action/{world.flagged.pk}/disable_and_forfeit/",
        {"disable_and_forfeit-reason": "x"},
    )

    assert listing.status_code == 302
    assert action.status_code == 302
    world.delegate.refresh_from_db()
    assert world.delegate.is_active


def test_anonymous_visitor_is_sent_to_the_admin_sign_in(client, world):
    response = client.get(LISTING)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
