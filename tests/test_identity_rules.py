"""Who may change a person's details, and when: the lock after the first
assessment attempt, validation, and the audit written for every path."""

import pytest
from django.conf import settings
from django.core import mail

from lms.exceptions import (
    AccountDisabled,
    DetailsLocked,
    EmailInUse,
    InvalidDetails,
    NotPermitted,
    OwnDetails,
)
from lms.models import Enrolment, PendingEmailChange, User
from lms.services import identity
from privacy.models import IdentityChange
from tests.factories import make_provider_staff
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db

Route = identity.Route


@pytest.fixture
def world(home_page):
    return Setting(home_page)


def change(actor, person, route, **details):
    values = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        **details,
    }
    return identity.update_details(actor=actor, person=person, route=route, **values)


def test_delegate_edits_their_own_names_while_unlocked(world):
    delegate = world.delegate

    result = change(delegate, delegate, Route.DELEGATE, last_name="Byrne")

    delegate.refresh_from_db()
    assert delegate.last_name == "Byrne"
    assert result.changed == ("last_name",)
    entry = IdentityChange.objects.get(user=delegate)
    assert (entry.field, entry.old_value, entry.new_value) == (
        "last_name",
        "O'Neill",
        "Byrne",
    )
    assert entry.changed_by == delegate
    assert entry.route == "delegate"


def test_delegate_cannot_edit_another_persons_details(world):
    delegate, colleague = world.delegate, world.other_delegate

    with pytest.raises(NotPermitted):
        change(delegate, colleague, Route.DELEGATE, first_name="Mallory")

    colleague.refresh_from_db()
    assert colleague.first_name != "Mallory"
    assert not IdentityChange.objects.exists()


def test_delegate_submitting_an_assessment_uses_the_credit_and_locks_details(world):
    delegate = world.delegate
    enrolment = Enrolment.objects.get(delegate=delegate)
    assert not delegate.details_locked

    identity.record_assessment_submitted(enrolment)
    first = enrolment.first_attempt_at
    identity.record_assessment_submitted(enrolment)

    enrolment.refresh_from_db()
    assert enrolment.first_attempt_at == first is not None
    assert enrolment.is_used
    assert delegate.details_locked


def test_delegate_is_refused_once_locked_and_nothing_changes(world):
    delegate = world.delegate
    lock_by_assessment(delegate, world.course)

    with pytest.raises(DetailsLocked) as refusal:
        change(delegate, delegate, Route.DELEGATE, first_name="Someone")

    assert "Request a change" in str(refusal.value)
    delegate.refresh_from_db()
    assert delegate.first_name == "Siobhán"
    assert not IdentityChange.objects.exists()


def test_company_manager_changes_a_locked_delegates_name(world):
    delegate = world.delegate
    lock_by_assessment(delegate, world.course)

    change(world.manager, delegate, Route.MANAGER, last_name="Byrne")

    delegate.refresh_from_db()
    assert delegate.last_name == "Byrne"
    entry = IdentityChange.objects.get(user=delegate)
    assert entry.route == "manager"
    assert entry.changed_by == world.manager


def test_manager_of_another_organisation_is_refused(world):
    delegate = world.delegate

    with pytest.raises(NotPermitted):
        change(world.other_manager, delegate, Route.MANAGER, last_name="Byrne")

    delegate.refresh_from_db()
    assert delegate.last_name == "O'Neill"


def test_company_manager_cannot_change_the_licence_holders_details(world):
    holder = world.licence_holder

    with pytest.raises(NotPermitted):
        change(world.manager, holder, Route.MANAGER, email="mine@example.com")

    assert not PendingEmailChange.objects.exists()


def test_licence_holder_changes_a_company_managers_details(world):
    manager = world.manager

    change(world.licence_holder, manager, Route.MANAGER, first_name="Helena")

    manager.refresh_from_db()
    assert manager.first_name == "Helena"


def test_manager_cannot_use_the_manager_route_on_their_own_account(world):
    manager = world.manager

    with pytest.raises(OwnDetails):
        change(manager, manager, Route.MANAGER, first_name="Boss")


def test_delegate_cannot_use_the_manager_or_provider_route(world):
    delegate = world.delegate

    with pytest.raises(NotPermitted):
        change(delegate, world.other_delegate, Route.MANAGER, first_name="X")
    with pytest.raises(NotPermitted):
        change(delegate, delegate, Route.PROVIDER, first_name="Xavier")

    assert not IdentityChange.objects.exists()


def test_provider_staff_change_any_persons_details(world):
    staff = make_provider_staff()
    delegate = world.other_delegate

    change(staff, delegate, Route.PROVIDER, first_name="Οδυσσέας")

    delegate.refresh_from_db()
    assert delegate.first_name == "Οδυσσέας"
    assert IdentityChange.objects.get(user=delegate).route == "provider"


def test_manager_cannot_use_the_provider_route(world):
    with pytest.raises(NotPermitted):
        change(world.manager, world.delegate, Route.PROVIDER, first_name="Eve")


def test_manager_cannot_change_a_disabled_account(world):
    delegate = world.delegate
    User.objects.filter(pk=delegate.pk).update(is_active=False)
    delegate.refresh_from_db()

    with pytest.raises(AccountDisabled):
        change(world.manager, delegate, Route.MANAGER, first_name="Eve")


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Enter the first name."),
        ({"last_name": "<b>Bold</b>"}, "last_name", "cannot contain < or >"),
        ({"first_name": "R2D2"}, "first_name", "cannot contain numbers"),
        ({"first_name": "x" * 101}, "first_name", "100 characters or fewer"),
        ({"email": "not-an-address"}, "email", "name@example.com"),
        ({"email": "a" * 250 + "@example.com"}, "email", "254 characters or fewer"),
        ({"title": "Lord"}, "title", "Choose a title"),
    ],
)
def test_delegate_typing_bad_details_gets_a_clear_message_and_nothing_is_written(
    world, details, field, message
):
    delegate = world.delegate

    with pytest.raises(InvalidDetails) as refusal:
        change(delegate, delegate, Route.DELEGATE, **details)

    assert message in " ".join(refusal.value.message_dict[field])
    delegate.refresh_from_db()
    assert delegate.first_name == "Siobhán"
    assert not IdentityChange.objects.exists()
    assert not PendingEmailChange.objects.exists()


def test_delegate_name_is_stored_trimmed_and_composed(world):
    delegate = world.delegate

    change(delegate, delegate, Route.DELEGATE, first_name="  Jose\u0301  ")

    delegate.refresh_from_db()
    assert delegate.first_name == "José"


def test_manager_using_an_address_of_another_account_is_refused_at_once(world):
    with pytest.raises(EmailInUse):
        change(
            world.manager,
            world.delegate,
            Route.MANAGER,
            email=world.licence_holder.email.upper(),
        )

    assert not PendingEmailChange.objects.exists()


@pytest.mark.parametrize("route", ["delegate", "manager", "provider"])
def test_delegate_manager_and_provider_routes_all_audit_and_alert_the_team(
    world, route, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    actor = {
        "delegate": delegate,
        "manager": world.manager,
        "provider": make_provider_staff(),
    }[route]

    with django_capture_on_commit_callbacks(execute=True):
        change(actor, delegate, route, first_name="Siobhan", last_name="O'Neill-Byrne")

    entries = IdentityChange.objects.filter(user=delegate)
    assert {e.field for e in entries} == {"first_name", "last_name"}
    assert {e.route for e in entries} == {route}
    assert len({e.batch for e in entries}) == 1
    alert = [m for m in mail.outbox if settings.PROVIDER_NOTIFICATION_EMAIL in m.to]
    assert len(alert) == 1
    assert '"Siobhán" -> "Siobhan"' in alert[0].body
    assert "/admin/identity_changes/inspect/" in alert[0].body


def test_delegate_changing_only_their_title_writes_no_identity_audit(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    with django_capture_on_commit_callbacks(execute=True):
        result = change(delegate, delegate, Route.DELEGATE, title="Dr")

    delegate.refresh_from_db()
    assert delegate.title == "Dr"
    assert result.changed == ("title",)
    assert not IdentityChange.objects.exists()
    assert not mail.outbox


def test_company_manager_changing_a_delegate_tells_the_delegate(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    with django_capture_on_commit_callbacks(execute=True):
        change(world.manager, delegate, Route.MANAGER, last_name="Byrne")

    notice = [m for m in mail.outbox if delegate.email in m.to]
    assert len(notice) == 1
    assert "a manager of Harwell Precision Ltd" in notice[0].body


def test_company_manager_change_sends_details_changed_after_commit(
    world, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, person, fields, **kwargs):
        heard.append((person.pk, fields))

    identity.details_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            change(world.manager, world.delegate, Route.MANAGER, last_name="Byrne")
    finally:
        identity.details_changed.disconnect(listener)

    assert heard == [(world.delegate.pk, ["last_name"])]


def test_delegate_saving_unchanged_details_changes_nothing(world):
    delegate = world.delegate

    result = change(delegate, delegate, Route.DELEGATE)

    assert not result
    assert not IdentityChange.objects.exists()
