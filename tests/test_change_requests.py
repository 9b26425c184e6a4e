"""A locked delegate's change requests, decided by their managers."""

import pytest
from django.core import mail

from lms.exceptions import (
    ChangeRequestWaiting,
    NothingToChange,
    NotLocked,
    NotPending,
    NotPermitted,
    OwnDetails,
    ReasonRequired,
)
from lms.models import ChangeRequest
from lms.services import identity
from privacy.models import IdentityChange
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    setting = Setting(home_page)
    lock_by_assessment(setting.delegate, setting.course)
    return setting


def ask(person, **details):
    values = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        **details,
    }
    return identity.request_change(person=person, **values)


def test_locked_delegate_asks_and_the_managers_are_emailed(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    with django_capture_on_commit_callbacks(execute=True):
        request = ask(delegate, last_name="Byrne", reason="I married in June.")

    assert request.status == "pending"
    delegate.refresh_from_db()
    assert delegate.last_name == "O'Neill"
    assert not IdentityChange.objects.exists()
    (message,) = mail.outbox
    assert set(message.to) == {world.manager.email, world.licence_holder.email}
    assert '"O\'Neill" -> "Byrne"' in message.body
    assert "/manage/change-requests/" in message.body


def test_unlocked_delegate_is_told_to_edit_instead(home_page):
    world = Setting(home_page)

    with pytest.raises(NotLocked):
        ask(world.delegate, last_name="Byrne")

    assert not ChangeRequest.objects.exists()


def test_delegate_asking_for_what_they_have_is_refused(world):
    with pytest.raises(NothingToChange):
        ask(world.delegate)


def test_delegate_with_a_request_waiting_cannot_ask_again(world):
    ask(world.delegate, last_name="Byrne")

    with pytest.raises(ChangeRequestWaiting):
        ask(world.delegate, last_name="Walsh")

    assert ChangeRequest.objects.count() == 1


def test_company_manager_approves_and_the_change_is_applied_and_audited(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    request = ask(delegate, last_name="Byrne")

    with django_capture_on_commit_callbacks(execute=True):
        identity.decide_change_request(
            actor=world.manager, change_request=request, approve=True
        )

    request.refresh_from_db()
    delegate.refresh_from_db()
    assert request.status == "approved"
    assert request.decided_by == world.manager
    assert delegate.last_name == "Byrne"
    entry = IdentityChange.objects.get(user=delegate)
    assert (entry.route, entry.changed_by) == ("manager", world.manager)
    told = [m for m in mail.outbox if m.to == ["siobhan.oneill@harwell.example"]]
    assert any("approved" in m.subject for m in told)


def test_company_manager_must_give_a_reason_to_reject(world):
    request = ask(world.delegate, last_name="Byrne")

    with pytest.raises(ReasonRequired):
        identity.decide_change_request(
            actor=world.manager, change_request=request, approve=False, reason=" "
        )

    request.refresh_from_db()
    assert request.status == "pending"


def test_company_manager_rejects_with_a_reason_and_the_delegate_is_told(
    world, django_capture_on_commit_callbacks
):
    request = ask(world.delegate, last_name="Byrne")

    with django_capture_on_commit_callbacks(execute=True):
        identity.decide_change_request(
            actor=world.manager,
            change_request=request,
            approve=False,
            reason="Send us your marriage certificate first.",
        )

    request.refresh_from_db()
    assert request.status == "rejected"
    world.delegate.refresh_from_db()
    assert world.delegate.last_name == "O'Neill"
    (message,) = mail.outbox
    assert "rejected" in message.subject
    assert "Send us your marriage certificate first." in message.body


def test_manager_of_another_organisation_cannot_decide(world):
    request = ask(world.delegate, last_name="Byrne")

    with pytest.raises(NotPermitted):
        identity.decide_change_request(
            actor=world.other_manager, change_request=request, approve=True
        )

    request.refresh_from_db()
    assert request.status == "pending"


def test_delegate_cannot_decide_their_own_request(world):
    request = ask(world.delegate, last_name="Byrne")

    with pytest.raises(OwnDetails):
        identity.decide_change_request(
            actor=world.delegate, change_request=request, approve=True
        )


def test_licence_holder_cannot_decide_a_request_already_decided(world):
    request = ask(world.delegate, last_name="Byrne")
    identity.decide_change_request(
        actor=world.manager, change_request=request, approve=True
    )

    with pytest.raises(NotPending):
        identity.decide_change_request(
            actor=world.licence_holder,
            change_request=request,
            approve=False,
            reason="No",
        )
