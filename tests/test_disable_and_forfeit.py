"""The training team's one action on a suspicious identity change: disable
the account and forfeit its credit."""

import pytest
from django.core import mail

from lms.exceptions import AccountDisabled, NotPermitted, ReasonRequired
from lms.models import CreditEntry, Enrolment, User
from lms.permissions import MANAGE_DELEGATES, sync_role_permissions
from lms.services import identity
from privacy import services as privacy
from privacy.exceptions import NotPermitted as NotAReviewer
from privacy.models import IdentityChange
from tests.factories import give_credits, make_provider_staff
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db

REASON = "Account handed to another employee after the assessment."


@pytest.fixture
def world(home_page):
    setting = Setting(home_page)
    give_credits(setting.organisation, setting.course, 3)
    lock_by_assessment(setting.delegate, setting.course)
    identity.update_details(
        actor=setting.manager,
        person=setting.delegate,
        route=identity.Route.MANAGER,
        title="Mr",
        first_name="Gareth",
        last_name="Pryce",
        email=setting.delegate.email,
    )
    setting.flagged = IdentityChange.objects.filter(user=setting.delegate).first()
    return setting


def test_provider_staff_disable_the_account_and_forfeit_its_credit_in_one_action(
    world, django_capture_on_commit_callbacks
):
    staff = make_provider_staff()
    delegate = world.delegate
    assert world.flagged.flagged

    with django_capture_on_commit_callbacks(execute=True):
        privacy.run_account_action(
            actor=staff, name="disable_and_forfeit", change=world.flagged, reason=REASON
        )

    delegate.refresh_from_db()
    assert not delegate.is_active
    assert delegate.disabled_at is not None
    forfeit = CreditEntry.objects.get(kind="forfeit", delegate=delegate)
    assert forfeit.reason == REASON
    assert forfeit.created_by == staff
    assert forfeit.account.balance == 3
    changes = IdentityChange.objects.filter(user=delegate)
    assert {c.review_state for c in changes} == {"actioned"}
    assert {c.reviewed_by for c in changes} == {staff}
    recipients = [set(m.to) for m in mail.outbox]
    assert {delegate.email} in recipients
    assert {world.manager.email, world.licence_holder.email} in recipients
    assert any(REASON in m.body for m in mail.outbox)


def test_provider_staff_disabling_a_manager_withdraws_their_rights(world):
    staff = make_provider_staff()
    manager = world.manager
    manager.is_delegate = True
    manager.save()
    sync_role_permissions(manager)
    Enrolment.objects.create(delegate=manager, course=world.course)

    identity.disable_and_forfeit(actor=staff, person=manager, reason=REASON)

    manager = User.objects.get(pk=manager.pk)
    assert not manager.has_perm(MANAGE_DELEGATES, world.organisation)
    assert CreditEntry.objects.filter(kind="forfeit", delegate=manager).count() == 1


@pytest.mark.parametrize("who", ["company manager", "licence holder", "delegate"])
def test_customers_cannot_disable_and_forfeit(world, who):
    actor = {
        "company manager": world.manager,
        "licence holder": world.licence_holder,
        "delegate": world.other_delegate,
    }[who]

    with pytest.raises(NotPermitted):
        identity.disable_and_forfeit(actor=actor, person=world.delegate, reason=REASON)
    with pytest.raises(NotAReviewer):
        privacy.run_account_action(
            actor=actor, name="disable_and_forfeit", change=world.flagged, reason=REASON
        )

    world.delegate.refresh_from_db()
    assert world.delegate.is_active
    assert not CreditEntry.objects.filter(kind="forfeit").exists()
    assert not IdentityChange.objects.filter(review_state="actioned").exists()


def test_provider_staff_must_give_a_reason(world):
    staff = make_provider_staff()

    with pytest.raises(ReasonRequired):
        identity.disable_and_forfeit(actor=staff, person=world.delegate, reason="  ")

    world.delegate.refresh_from_db()
    assert world.delegate.is_active


def test_provider_staff_disable_an_account_only_once(world):
    staff = make_provider_staff()
    identity.disable_and_forfeit(actor=staff, person=world.delegate, reason=REASON)

    with pytest.raises(AccountDisabled):
        identity.disable_and_forfeit(actor=staff, person=world.delegate, reason=REASON)

    assert CreditEntry.objects.filter(kind="forfeit").count() == 1


def test_provider_staff_mark_an_unflagged_change_reviewed(world):
    staff = make_provider_staff()

    privacy.review_identity_change(actor=staff, change=world.flagged, note="Checked.")

    world.flagged.refresh_from_db()
    assert world.flagged.review_state == "reviewed"
    assert world.flagged.reviewed_by == staff
    assert world.flagged.review_note == "Checked."


def test_manager_cannot_review_identity_changes(world):
    with pytest.raises(NotAReviewer):
        privacy.review_identity_change(actor=world.manager, change=world.flagged)

    world.flagged.refresh_from_db()
    assert world.flagged.review_state == "new"
