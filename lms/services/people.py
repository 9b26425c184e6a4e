"""Operations on the people of an organisation: delegates and managers."""

import logging

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms import emails
from lms.exceptions import EmailInUse, LastLicenceHolder, NotPermitted
from lms.models import Enrolment, User
from lms.models.people import normalise_email
from lms.permissions import (
    MANAGE_DELEGATES,
    MANAGE_MANAGERS,
    require,
    sync_role_permissions,
)
from lms.services.credits import allocate_credits, return_unused_credit

logger = logging.getLogger(__name__)


def _new_people(*, organisation, people, **roles):
    """Create accounts for ``people`` in one go, refusing any address that
    is already in use (by another account or twice in the list)."""
    addresses = [normalise_email(details["email"]) for details in people]
    seen = set()
    for address in addresses:
        if address in seen:
            raise EmailInUse(address)
        seen.add(address)
    taken = User.objects.filter(email__in=addresses).values_list("email", flat=True)
    for address in taken[:1]:
        raise EmailInUse(address)
    unusable = make_password(None)
    accounts = [
        User(
            email=address,
            password=unusable,
            title=details.get("title", ""),
            first_name=details["first_name"].strip(),
            last_name=details["last_name"].strip(),
            organisation=organisation,
            **roles,
        )
        for address, details in zip(addresses, people, strict=True)
    ]
    try:
        with transaction.atomic():
            return User.objects.bulk_create(accounts)
    except IntegrityError:
        # Another request took an address between the check and the insert.
        taken = User.objects.filter(email__in=addresses).values_list("email", flat=True)
        raise EmailInUse(taken.first() or addresses[0]) from None


def add_delegates(*, actor, organisation, course, people):
    """Create delegate accounts, spending one credit each on ``course``.

    ``people`` is a list of dicts with title, first_name, last_name and
    email. Either every account is created and enrolled, or none is.
    """
    require(actor, MANAGE_DELEGATES, organisation)
    with transaction.atomic():
        delegates = _new_people(
            organisation=organisation, people=people, is_delegate=True
        )
        allocate_credits(actor=actor, delegates=delegates, course=course)
        for delegate in delegates:
            emails.send_welcome(delegate, invited_by=actor)
    logger.info(
        "%s delegate(s) added to organisation %s by user %s",
        len(delegates),
        organisation.pk,
        actor.pk,
    )
    return delegates


def add_delegate(*, actor, organisation, course, **details):
    """Create one delegate account and spend a credit on ``course``."""
    return add_delegates(
        actor=actor, organisation=organisation, course=course, people=[details]
    )[0]


def enrol_delegate(*, actor, delegate, course):
    """Spend a credit to put an existing delegate on another course."""
    return allocate_credits(actor=actor, delegates=[delegate], course=course)[0]


def remove_delegate(*, actor, delegate):
    """Take ``delegate`` out of the organisation's training.

    Unused credits return to the organisation; used ones stay spent and
    their records are kept. The account is closed unless the person also
    manages the organisation.
    """
    organisation = delegate.organisation
    require(actor, MANAGE_DELEGATES, organisation)
    if not delegate.is_delegate:
        raise NotPermitted("This person is not a delegate.")
    returned = 0
    with transaction.atomic():
        for enrolment in Enrolment.objects.filter(delegate=delegate).select_related(
            "course"
        ):
            returned += return_unused_credit(actor=actor, enrolment=enrolment)
        delegate.is_delegate = False
        if not delegate.is_manager:
            delegate.is_active = False
        delegate.save(update_fields=["is_delegate", "is_active"])
    logger.info("Delegate %s removed by user %s", delegate.pk, actor.pk)
    return returned


def add_manager(*, actor, organisation, licence_holder=False, **details):
    """Create a company manager (or licence holder) account."""
    require(actor, MANAGE_MANAGERS, organisation)
    with transaction.atomic():
        [person] = _new_people(
            organisation=organisation,
            people=[details],
            is_company_manager=True,
            is_licence_holder=licence_holder,
        )
        sync_role_permissions(person)
        emails.send_welcome(person, invited_by=actor)
    return person


def _refuse_removing_last_licence_holder(person):
    """Raise LastLicenceHolder if ``person`` is their organisation's only
    active licence holder.

    The holders' rows stay locked until the transaction ends, so two
    requests cannot each take one away and leave none.
    """
    holders = list(
        User.objects.select_for_update()
        .filter(
            organisation_id=person.organisation_id,
            is_licence_holder=True,
            is_active=True,
        )
        .values_list("pk", flat=True)
    )
    if person.is_licence_holder and holders == [person.pk]:
        raise LastLicenceHolder()


def set_manager_roles(*, actor, person, company_manager, licence_holder):
    """Give or take ``person``'s manager roles in their organisation."""
    organisation = person.organisation
    require(actor, MANAGE_MANAGERS, organisation)
    with transaction.atomic():
        if not licence_holder:
            _refuse_removing_last_licence_holder(person)
        person.is_company_manager = company_manager
        person.is_licence_holder = licence_holder
        if not (person.is_manager or person.is_delegate):
            person.is_active = False
        elif not person.is_active and person.disabled_at is None:
            person.is_active = True
        person.save(
            update_fields=["is_company_manager", "is_licence_holder", "is_active"]
        )
        sync_role_permissions(person)
    return person


def _require_provider(actor):
    """Refuse anyone but the provider's staff, who hold the permission on
    every organisation rather than on one."""
    if not (actor.is_active and actor.has_perm(MANAGE_MANAGERS)):
        raise NotPermitted("Only the provider's training team can change this account.")


def set_disabled(*, actor, person, disabled):
    """Disable ``person``'s account whatever their roles, or enable it again.

    A disabled account cannot sign in and keeps no rights; changing roles
    does not reopen it. An organisation's last Licence Holder cannot be
    disabled.
    """
    _require_provider(actor)
    with transaction.atomic():
        if disabled and person.disabled_at is None:
            _refuse_removing_last_licence_holder(person)
            person.disabled_at = timezone.now()
            person.is_active = False
        elif not disabled and person.disabled_at is not None:
            person.disabled_at = None
            person.is_active = person.is_manager or person.is_delegate
        else:
            return person
        person.save(update_fields=["disabled_at", "is_active"])
        sync_role_permissions(person)
    logger.info(
        "Account %s %s by user %s",
        person.pk,
        "disabled" if disabled else "enabled",
        actor.pk,
    )
    return person


def change_roles(*, actor, person, delegate, company_manager, licence_holder, disabled):
    """Set all of ``person``'s roles and whether their account is disabled,
    as the provider does from the admin, in one step.

    Taking the delegate role away returns the person's unused credits, as
    removing a delegate in the portal does; the number returned is the
    result. Nothing changes if any part is refused.
    """
    _require_provider(actor)
    if person.organisation_id is None:
        raise NotPermitted("The provider's own staff hold no customer roles.")
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        returned = 0
        if person.is_delegate and not delegate:
            returned = remove_delegate(actor=actor, delegate=person)
        elif delegate and not person.is_delegate:
            person.is_delegate = True
            person.save(update_fields=["is_delegate"])
        # Also opens or closes the account to match the roles it now holds.
        set_manager_roles(
            actor=actor,
            person=person,
            company_manager=company_manager,
            licence_holder=licence_holder,
        )
        set_disabled(actor=actor, person=person, disabled=disabled)
    logger.info("Roles of user %s changed by user %s", person.pk, actor.pk)
    return returned


def remove_manager(*, actor, person):
    """Take away ``person``'s manager roles."""
    return set_manager_roles(
        actor=actor, person=person, company_manager=False, licence_holder=False
    )


def resend_welcome(*, actor, person):
    """Send a fresh set-password link to someone who has not signed in."""
    require(actor, MANAGE_DELEGATES, person.organisation)
    emails.send_welcome(person, invited_by=actor)


def send_reminders(*, actor, organisation, delegate=None):
    """Remind one delegate, or every delegate who has not finished, to
    complete their courses; return how many reminders were queued."""
    require(actor, MANAGE_DELEGATES, organisation)
    enrolments = Enrolment.objects.filter(
        delegate__organisation=organisation,
        delegate__is_delegate=True,
        delegate__is_active=True,
        completed_at__isnull=True,
    ).select_related("delegate", "delegate__organisation", "course")
    if delegate is not None:
        enrolments = enrolments.filter(delegate=delegate)
    now = timezone.now()
    with transaction.atomic():
        enrolments = list(enrolments)
        for enrolment in enrolments:
            emails.send_reminder(enrolment, sent_by=actor)
        Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).update(
            last_reminded_at=now
        )
    return len(enrolments)


def lock_enrolment(enrolment):
    """Lock an enrolment after too many failed assessment attempts."""
    Enrolment.objects.filter(pk=enrolment.pk, locked_at__isnull=True).update(
        locked_at=timezone.now()
    )


def unlock_enrolment(*, actor, enrolment):
    """Let a locked delegate try the assessment again, at no credit cost."""
    require(actor, MANAGE_DELEGATES, enrolment.delegate.organisation)
    Enrolment.objects.filter(pk=enrolment.pk).update(locked_at=None)
    logger.info("Enrolment %s unlocked by user %s", enrolment.pk, actor.pk)
