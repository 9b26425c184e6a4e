"""The rename safeguard: which identity changes are flagged, and why."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from lms.services import identity
from privacy.models import IdentityChange
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db

Route = identity.Route


@pytest.fixture
def world(home_page):
    return Setting(home_page)


def edit(person, actor=None, route=Route.DELEGATE, **details):
    values = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        **details,
    }
    return identity.update_details(
        actor=actor or person, person=person, route=route, **values
    )


def confirm_latest_link(person):
    change = identity.pending_email_change(person)
    token = "known-token"
    change.token_hash = identity._token_hash(token)
    change.save()
    identity.confirm_email_change(token=token)


def test_delegate_changing_only_their_family_name_passes_but_is_notified(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    with django_capture_on_commit_callbacks(execute=True):
        result = edit(delegate, last_name="Byrne")

    assert result.flags == ()
    entry = IdentityChange.objects.get(user=delegate)
    assert not entry.flagged
    assert entry.review_state == "new"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Identity change:")


def test_delegate_replacing_both_names_is_flagged(
    world, django_capture_on_commit_callbacks
):
    delegate = world.delegate

    with django_capture_on_commit_callbacks(execute=True):
        result = edit(delegate, first_name="Gareth", last_name="Pryce")

    assert "Both the first name and the family name were replaced." in result.flags
    assert all(e.flagged for e in IdentityChange.objects.filter(user=delegate))
    assert mail.outbox[0].subject.startswith("Flagged identity change:")
    assert "Both the first name" in mail.outbox[0].body


def test_delegate_correcting_accents_in_both_names_passes(world):
    delegate = world.delegate
    delegate.first_name, delegate.last_name = "Lukasz", "Zolc"
    delegate.save()

    result = edit(delegate, first_name="Łukasz", last_name="Żółć")

    assert result.flags == ()


def test_delegate_adding_to_both_names_passes(world):
    delegate = world.delegate

    result = edit(delegate, first_name="Siobhán Marie", last_name="O'Neill-Ó Briain")

    assert result.flags == ()


def test_delegate_moving_email_to_an_address_matching_neither_name_is_flagged(world):
    delegate = world.delegate
    edit(delegate, email="gareth.pryce@harwell.example")

    confirm_latest_link(delegate)

    entry = IdentityChange.objects.get(user=delegate, field="email")
    assert entry.flagged
    assert "matches neither name" in entry.flag_summary()


def test_delegate_moving_email_to_an_address_matching_a_name_passes(world):
    delegate = world.delegate
    edit(delegate, email="siobhan.byrne@other.example")

    confirm_latest_link(delegate)

    assert not IdentityChange.objects.get(user=delegate, field="email").flagged


def test_company_manager_change_after_the_credit_was_used_is_flagged(world):
    delegate = world.delegate
    lock_by_assessment(delegate, world.course)

    result = edit(delegate, actor=world.manager, route=Route.MANAGER, last_name="Byrne")

    assert any("already used its credit" in reason for reason in result.flags)


def test_company_manager_change_after_use_passes_with_that_rule_off(world, settings):
    settings.CREDENCE_RENAME_SAFEGUARD = {
        **settings.CREDENCE_RENAME_SAFEGUARD,
        "FLAG_AFTER_CREDIT_USED": False,
    }
    delegate = world.delegate
    lock_by_assessment(delegate, world.course)

    result = edit(delegate, actor=world.manager, route=Route.MANAGER, last_name="Byrne")

    assert result.flags == ()


def test_delegate_changing_more_often_than_the_threshold_is_flagged(world):
    delegate = world.delegate
    first = edit(delegate, last_name="Byrne")
    second = edit(delegate, last_name="Byrne-Walsh")

    third = edit(delegate, last_name="Walsh")

    assert first.flags == second.flags == ()
    assert third.flags == (
        "This is the 3rd identity change in 180 days; more than 2 are flagged.",
    )


def test_delegate_changes_older_than_the_window_do_not_count(world, settings):
    settings.CREDENCE_RENAME_SAFEGUARD = {
        "REPEAT_CHANGES": 1,
        "REPEAT_WINDOW_DAYS": 30,
    }
    delegate = world.delegate
    edit(delegate, last_name="Byrne")
    IdentityChange.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )

    result = edit(delegate, last_name="Walsh")

    assert result.flags == ()


def test_delegate_changing_names_and_email_together_counts_once(world, settings):
    settings.CREDENCE_RENAME_SAFEGUARD = {
        "REPEAT_CHANGES": 1,
        "REPEAT_WINDOW_DAYS": 30,
    }
    delegate = world.delegate
    edit(delegate, last_name="Byrne", email="siobhan.byrne@harwell.example")

    confirm_latest_link(delegate)

    entries = IdentityChange.objects.filter(user=delegate)
    assert {e.field for e in entries} == {"last_name", "email"}
    assert len({e.batch for e in entries}) == 1
    assert not any(e.flagged for e in entries)
