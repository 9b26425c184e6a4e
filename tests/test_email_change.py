"""A new email address takes effect only when the link sent to it is
followed; expired, reused and replaced links say so."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from lms.exceptions import DetailsLocked, EmailInUse, EmailLinkInvalid
from lms.models import PendingEmailChange
from lms.services import identity
from privacy.models import IdentityChange
from tests.factories import UserFactory
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db

Route = identity.Route
LINK = re.compile(r"/profile/email/confirm/([^/\s]+)/")


@pytest.fixture
def world(home_page):
    return Setting(home_page)


def ask_for_email(actor, person, new_email, route, capture):
    with capture(execute=True):
        identity.update_details(
            actor=actor,
            person=person,
            route=route,
            title=person.title,
            first_name=person.first_name,
            last_name=person.last_name,
            email=new_email,
        )
    message = [m for m in mail.outbox if new_email.lower() in m.to][-1]
    return LINK.search(message.body).group(1)


def test_delegate_new_address_waits_for_the_link_to_be_followed(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    token = ask_for_email(
        delegate,
        delegate,
        "siobhan.byrne@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )

    delegate.refresh_from_db()
    assert delegate.email == "siobhan.oneill@harwell.example"
    assert not IdentityChange.objects.exists()
    pending = PendingEmailChange.objects.get(person=delegate)
    assert pending.token_hash != token
    assert len(pending.token_hash) == 64
    hours = settings.CREDENCE_EMAIL_CHANGE_LINK_HOURS
    assert pending.expires_at - pending.created_at == datetime.timedelta(hours=hours)


def test_delegate_following_the_link_changes_the_address_and_tells_both_sides(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    token = ask_for_email(
        delegate,
        delegate,
        "Siobhan.Byrne@Harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        identity.confirm_email_change(token=token)

    delegate.refresh_from_db()
    assert delegate.email == "siobhan.byrne@harwell.example"
    entry = IdentityChange.objects.get(user=delegate)
    assert (entry.field, entry.old_value, entry.new_value, entry.route) == (
        "email",
        "siobhan.oneill@harwell.example",
        "siobhan.byrne@harwell.example",
        "delegate",
    )
    assert entry.changed_by == delegate
    recipients = [m.to for m in mail.outbox]
    assert [settings.PROVIDER_NOTIFICATION_EMAIL] in recipients
    assert ["siobhan.oneill@harwell.example"] in recipients


def test_delegate_reusing_a_link_is_told_it_was_used(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    token = ask_for_email(
        delegate,
        delegate,
        "siobhan@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    identity.confirm_email_change(token=token)

    with pytest.raises(EmailLinkInvalid) as refusal:
        identity.confirm_email_change(token=token)

    assert refusal.value.code == "used"
    assert "already been used" in refusal.value.message
    assert IdentityChange.objects.filter(user=delegate).count() == 1


def test_delegate_following_an_expired_link_is_told_and_nothing_changes(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    token = ask_for_email(
        delegate,
        delegate,
        "siobhan@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    PendingEmailChange.objects.update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(EmailLinkInvalid) as refusal:
        identity.confirm_email_change(token=token)

    assert refusal.value.code == "expired"
    assert "expired" in refusal.value.message
    delegate.refresh_from_db()
    assert delegate.email == "siobhan.oneill@harwell.example"


def test_delegate_asking_again_replaces_the_older_link(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    first = ask_for_email(
        delegate,
        delegate,
        "first@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    second = ask_for_email(
        delegate,
        delegate,
        "second@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )

    with pytest.raises(EmailLinkInvalid) as refusal:
        identity.confirm_email_change(token=first)
    identity.confirm_email_change(token=second)

    assert refusal.value.code == "cancelled"
    delegate.refresh_from_db()
    assert delegate.email == "second@harwell.example"


def test_anonymous_visitor_with_an_unknown_link_is_refused(world):
    with pytest.raises(EmailLinkInvalid) as refusal:
        identity.confirm_email_change(token="made-up-token")

    assert refusal.value.code == "unknown"


def test_delegate_confirming_an_address_taken_meanwhile_is_refused(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    token = ask_for_email(
        delegate,
        delegate,
        "popular@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    UserFactory(email="popular@harwell.example")

    with pytest.raises(EmailInUse):
        identity.confirm_email_change(token=token)

    delegate.refresh_from_db()
    assert delegate.email == "siobhan.oneill@harwell.example"
    assert PendingEmailChange.objects.get().confirmed_at is None


def test_delegates_own_link_stops_working_once_they_are_locked(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    token = ask_for_email(
        delegate,
        delegate,
        "later@harwell.example",
        Route.DELEGATE,
        django_capture_on_commit_callbacks,
    )
    lock_by_assessment(delegate, world.course)

    with pytest.raises(DetailsLocked):
        identity.confirm_email_change(token=token)

    delegate.refresh_from_db()
    assert delegate.email == "siobhan.oneill@harwell.example"


def test_manager_started_change_of_a_locked_delegate_completes(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    lock_by_assessment(delegate, world.course)
    token = ask_for_email(
        world.manager,
        delegate,
        "siobhan.oneill@new-domain.example",
        Route.MANAGER,
        django_capture_on_commit_callbacks,
    )

    identity.confirm_email_change(token=token)

    delegate.refresh_from_db()
    assert delegate.email == "siobhan.oneill@new-domain.example"
    entry = IdentityChange.objects.get(user=delegate)
    assert entry.route == "manager"
    assert entry.changed_by == world.manager
