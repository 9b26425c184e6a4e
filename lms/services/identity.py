"""A person's identity details: who may change them and when, how a new
email address is confirmed, change requests, the rename safeguard and the
training team's action on a suspicious change.

Every change of a first name, family name or email address goes through
``update_details`` (or ``confirm_email_change`` for the new address), so
each one is audited, notified to the training team and checked by the
rename safeguard, whoever makes it.
"""

import datetime
import hashlib
import logging
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from lms import emails
from lms.exceptions import (
    AccountDisabled,
    ChangeRequestWaiting,
    DetailsLocked,
    EmailInUse,
    EmailLinkInvalid,
    InvalidDetails,
    NothingToChange,
    NotLocked,
    NotPending,
    NotPermitted,
    OwnDetails,
    ReasonRequired,
)
from lms.models import ChangeRequest, Enrolment, PendingEmailChange, User
from lms.models.people import normalise_email
from lms.permissions import (
    MANAGE_DELEGATES,
    MANAGE_MANAGERS,
    require,
    sync_role_permissions,
)
from lms.services.credits import RECORD_PURCHASES, forfeit_credit
from lms.validators import clean_person_name
from privacy import services as privacy
from privacy.models import IdentityChange

logger = logging.getLogger(__name__)

Route = IdentityChange.Route
#: The fields whose change is audited, notified and safeguarded.
IDENTITY_FIELDS = ("first_name", "last_name", "email")
DETAIL_FIELDS = ("title", "first_name", "last_name", "email")
FIELD_LABELS = {
    "title": "Title",
    "first_name": "First name",
    "last_name": "Family name",
    "email": "Email address",
}
EDIT_PEOPLE_ACCOUNTS = "lms.change_user"

#: Sent once a change of a person's details has committed, with ``person``
#: and ``fields`` (the names of the fields that changed). Certificates
#: listen for it to reissue with the new name.
details_changed = Signal()


@dataclass(frozen=True)
class DetailsUpdate:
    """What ``update_details`` did."""

    #: Fields changed at once (the email address is never among them).
    changed: tuple = ()
    #: A new email address that waits for its confirmation link.
    email_pending: str = ""
    #: The rename safeguard's reasons for flagging the name change.
    flags: tuple = ()

    def __bool__(self):
        return bool(self.changed or self.email_pending)


def is_provider_staff(user):
    """Return True for an active member of the provider's training team."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(EDIT_PEOPLE_ACCOUNTS)
    )


def organisation_managers(organisation):
    """Return the active company managers and licence holders of
    ``organisation``."""
    return User.objects.managers().filter(organisation=organisation)


def _manage_perm_for(person):
    # Changing a manager's sign-in address could hand over their rights,
    # so only those who may manage managers may do it.
    return MANAGE_MANAGERS if person.is_manager else MANAGE_DELEGATES


def check_can_change(actor, person, route):
    """Raise NotPermitted unless ``actor`` may change ``person``'s details
    by way of ``route``."""
    route = Route(route)
    if not (actor.is_authenticated and actor.is_active):
        raise NotPermitted("Sign in to change details.")
    if route == Route.PROVIDER:
        if not is_provider_staff(actor):
            raise NotPermitted("Only the Credence training team can do this.")
        return
    if not person.is_active:
        raise AccountDisabled()
    if route == Route.DELEGATE:
        if actor.pk != person.pk:
            raise NotPermitted("You can only edit your own details.")
        if person.details_locked:
            raise DetailsLocked()
        return
    if person.organisation_id is None:
        raise NotPermitted("This person does not belong to an organisation.")
    if actor.pk == person.pk:
        raise OwnDetails()
    require(actor, _manage_perm_for(person), person.organisation)


def clean_details(*, title, first_name, last_name, email):
    """Return the details as they are stored, or raise InvalidDetails with
    a message for each field that cannot be used."""
    errors = {}
    cleaned = {}
    title = (title or "").strip()
    if title and title not in User.Title.values:
        errors["title"] = ["Choose a title from the list, or none."]
    cleaned["title"] = title
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        try:
            cleaned[field] = clean_person_name(value, FIELD_LABELS[field].lower())
        except ValidationError as error:
            errors[field] = error.messages
    email = normalise_email(email)
    if not email:
        errors["email"] = ["Enter an email address."]
    elif len(email) > 254:
        errors["email"] = [
            f"Use 254 characters or fewer for the email address "
            f"(this has {len(email)})."
        ]
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = ["Enter an email address in the form name@example.com."]
    cleaned["email"] = email
    if errors:
        raise InvalidDetails(errors)
    return cleaned


def update_details(*, actor, person, title, first_name, last_name, email, route):
    """Change ``person``'s title, names and email address as ``actor``.

    ``route`` says who acts: the person themself (only until they submit
    an assessment), a manager of their organisation, or the provider's
    training team. Names and title change at once; a new email address
    takes effect only when the link sent to it is followed. Each change of
    a name is audited, checked by the rename safeguard and notified to the
    training team. The caller's ``person`` object is updated too.
    """
    route = Route(route)
    check_can_change(actor, person, route)
    cleaned = clean_details(
        title=title, first_name=first_name, last_name=last_name, email=email
    )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        # The person may have submitted an assessment since the check.
        if route == Route.DELEGATE and locked.details_locked:
            raise DetailsLocked()
        changes = {
            field: (getattr(locked, field), cleaned[field])
            for field in ("title", "first_name", "last_name")
            if getattr(locked, field) != cleaned[field]
        }
        new_email = cleaned["email"] if cleaned["email"] != locked.email else ""
        if new_email and route != Route.DELEGATE and _email_taken(new_email, locked):
            raise EmailInUse(new_email)
        if not changes and not new_email:
            return DetailsUpdate()
        batch = None
        flags = ()
        if changes:
            for field, (_old, new) in changes.items():
                setattr(locked, field, new)
            locked.save(update_fields=list(changes))
            identity = {f: v for f, v in changes.items() if f in IDENTITY_FIELDS}
            if identity:
                flags = tuple(safeguard_flags(locked, identity))
                batch = _audit_and_notify(
                    person=locked,
                    changes=identity,
                    actor=actor,
                    route=route,
                    flags=flags,
                )
            if route != Route.DELEGATE:
                _tell_person_of_change(locked, changes, actor=actor, route=route)
        if new_email:
            _start_email_change(
                person=locked,
                new_email=new_email,
                actor=actor,
                route=route,
                batch=batch,
            )
        if changes:
            fields = list(changes)
            transaction.on_commit(
                lambda: details_changed.send(User, person=locked, fields=fields)
            )
    for field, (_old, new) in changes.items():
        setattr(person, field, new)
    logger.info(
        "Details of user %s changed by user %s by way of %s: %s%s",
        person.pk,
        actor.pk,
        route,
        ", ".join(changes) or "nothing yet",
        "; new email waits for confirmation" if new_email else "",
    )
    return DetailsUpdate(changed=tuple(changes), email_pending=new_email, flags=flags)


def _email_taken(email, person):
    return User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()


def record_assessment_submitted(enrolment):
    """Record that the delegate submitted an assessment attempt.

    The first attempt uses the enrolment's credit and locks the delegate's
    details; later attempts change nothing here. The assessment engine
    calls this when an attempt is submitted.
    """
    now = timezone.now()
    updated = Enrolment.objects.filter(
        pk=enrolment.pk, first_attempt_at__isnull=True
    ).update(first_attempt_at=now)
    enrolment.refresh_from_db(fields=["first_attempt_at"])
    if updated:
        logger.info("Enrolment %s: first assessment attempt submitted", enrolment.pk)
    return enrolment


# The rename safeguard ------------------------------------------------------

_FOLDS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)
_NAME_SEPARATORS = re.compile(r"[\s'\u2019\u2018\-\u2010\u2011.\u00b7]+")


def _fold(text):
    """Return ``text`` as lower-case ASCII letters and digits only."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLDS))
    return "".join(c for c in text.casefold() if c.isascii() and c.isalnum())


def _name_key(name):
    """Return a form of ``name`` to compare, accents and case set aside."""
    return _fold(name) or unicodedata.normalize("NFKC", name or "").casefold()


def _replaced(old, new):
    """Return True if ``new`` is a different name, not a correction or an
    extension (such as adding a second family name) of ``old``."""
    old_key, new_key = _name_key(old), _name_key(new)
    return old_key not in new_key and new_key not in old_key


def _name_parts(*names):
    parts = set()
    for name in names:
        for piece in [name, *_NAME_SEPARATORS.split(name or "")]:
            folded = _fold(piece)
            if len(folded) >= 2:
                parts.add(folded)
    return parts


def email_matches_name(email, first_name, last_name):
    """Return True if the address's local part contains either name."""
    local = _fold(email.split("@", 1)[0])
    return any(part in local for part in _name_parts(first_name, last_name))


def _ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def safeguard_flags(person, changes, *, batch=None):
    """Return the reasons the rename safeguard flags ``changes`` (a dict of
    field name to (old, new)) to ``person``; empty when it passes.

    ``person`` holds the names in force after the change. Thresholds come
    from ``settings.CREDENCE_RENAME_SAFEGUARD``; README explains them.
    """
    rules = settings.CREDENCE_RENAME_SAFEGUARD
    reasons = []
    if (
        "first_name" in changes
        and "last_name" in changes
        and _replaced(*changes["first_name"])
        and _replaced(*changes["last_name"])
    ):
        reasons.append("Both the first name and the family name were replaced.")
    if "email" in changes:
        old_email, new_email = changes["email"]
        names = (person.first_name, person.last_name)
        if email_matches_name(old_email, *names) and not email_matches_name(
            new_email, *names
        ):
            reasons.append(
                "The new email address matches neither name, although the old "
                "one did: it may belong to somebody else."
            )
    if rules.get("FLAG_AFTER_CREDIT_USED", True):
        first_attempt = (
            Enrolment.objects.filter(delegate=person, first_attempt_at__isnull=False)
            .order_by("first_attempt_at")
            .values_list("first_attempt_at", flat=True)
            .first()
        )
        if first_attempt:
            reasons.append(
                "The account has already used its credit: it submitted an "
                f"assessment on {date_format(timezone.localtime(first_attempt), 'j F Y')}."
            )
    window = int(rules["REPEAT_WINDOW_DAYS"])
    limit = int(rules["REPEAT_CHANGES"])
    since = timezone.now() - datetime.timedelta(days=window)
    earlier = privacy.count_identity_change_occasions(
        person=person, since=since, exclude_batch=batch
    )
    if earlier + 1 > limit:
        reasons.append(
            f"This is the {_ordinal(earlier + 1)} identity change in {window} "
            f"days; more than {limit} are flagged."
        )
    return reasons


def _audit_and_notify(*, person, changes, actor, route, flags, batch=None):
    """Write an audit entry per changed field and tell the training team;
    return the batch the entries share."""
    entries = []
    for field in IDENTITY_FIELDS:
        if field not in changes:
            continue
        old, new = changes[field]
        entry = privacy.record_identity_change(
            person=person,
            field=field,
            old=old,
            new=new,
            changed_by=actor,
            route=route,
            flags=flags,
            batch=batch,
        )
        batch = entry.batch
        entries.append(entry)
    review_path = privacy.identity_change_admin_url(entries[0])
    emails.queue_email(
        to=[settings.PROVIDER_NOTIFICATION_EMAIL],
        template="identity_change_alert",
        context={
            "person": person,
            "organisation": person.organisation,
            "entries": entries,
            "actor": actor,
            "route": Route(route).label,
            "flags": flags,
            "review_url": _absolute(review_path) if review_path else "",
        },
    )
    if flags:
        logger.warning(
            "Identity change of user %s flagged by the rename safeguard", person.pk
        )
    return batch


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _tell_person_of_change(person, changes, *, actor, route):
    emails.queue_email(
        to=[person.email],
        template="details_changed",
        context={
            "person": person,
            "rows": [
                (FIELD_LABELS[field], old, new) for field, (old, new) in changes.items()
            ],
            "by_training_team": route == Route.PROVIDER,
            "actor": actor,
        },
    )


# New email addresses -------------------------------------------------------


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _start_email_change(*, person, new_email, actor, route, batch):
    """Replace any open email change with a new one and send its link."""
    now = timezone.now()
    PendingEmailChange.objects.filter(
        person=person, confirmed_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now)
    hours = settings.CREDENCE_EMAIL_CHANGE_LINK_HOURS
    token = secrets.token_urlsafe(32)
    change = PendingEmailChange.objects.create(
        person=person,
        new_email=new_email,
        token_hash=_token_hash(token),
        requested_by=actor,
        route=route,
        batch=batch or uuid.uuid4(),
        created_at=now,
        expires_at=now + datetime.timedelta(hours=hours),
    )
    emails.queue_email(
        to=[new_email],
        template="email_change_confirm",
        context={
            "person": person,
            "new_email": new_email,
            "link": _absolute(reverse("lms:confirm_email", args=[token])),
            "hours": hours,
            "requested_by": actor if actor.pk != person.pk else None,
        },
    )
    return change


def pending_email_change(person):
    """Return ``person``'s open email change, or None."""
    return (
        PendingEmailChange.objects.filter(
            person=person,
            confirmed_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def _when(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _check_open(change):
    if change is None:
        raise EmailLinkInvalid(
            "This email confirmation link is not valid. Check that you copied "
            "all of it, or ask for the change again from your profile.",
            code="unknown",
        )
    if change.confirmed_at:
        raise EmailLinkInvalid(
            "This link has already been used: the email address was changed "
            f"on {_when(change.confirmed_at)}. Each link works only once.",
            code="used",
        )
    if change.cancelled_at:
        raise EmailLinkInvalid(
            "This link no longer works: a newer change of email address "
            "replaced it, or the change was cancelled. Use the most recent "
            "link we sent.",
            code="cancelled",
        )
    if change.expires_at <= timezone.now():
        raise EmailLinkInvalid(
            f"This link expired on {_when(change.expires_at)}. Ask for the "
            "change again from your profile to get a new link.",
            code="expired",
        )


def email_change_for_token(token):
    """Return the open email change that ``token`` confirms, or raise
    EmailLinkInvalid saying why the link cannot be used."""
    change = (
        PendingEmailChange.objects.select_related("person")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    _check_open(change)
    return change


def confirm_email_change(*, token):
    """Make the new address of the email change behind ``token`` the
    person's sign-in address, and return the person.

    Following the link proves the new address reaches its owner; the link
    works once and only until it expires.
    """
    with transaction.atomic():
        change = (
            PendingEmailChange.objects.select_for_update()
            .filter(token_hash=_token_hash(token))
            .first()
        )
        _check_open(change)
        person = User.objects.select_for_update().get(pk=change.person_id)
        if not person.is_active:
            raise AccountDisabled()
        if change.route == Route.DELEGATE and person.details_locked:
            raise DetailsLocked()
        if _email_taken(change.new_email, person):
            raise EmailInUse(change.new_email)
        old_email = person.email
        changes = {"email": (old_email, change.new_email)}
        flags = safeguard_flags(person, changes, batch=change.batch)
        person.email = change.new_email
        try:
            with transaction.atomic():
                person.save(update_fields=["email"])
        except IntegrityError:
            raise EmailInUse(change.new_email) from None
        change.confirmed_at = timezone.now()
        change.save(update_fields=["confirmed_at"])
        _audit_and_notify(
            person=person,
            changes=changes,
            actor=change.requested_by,
            route=change.route,
            flags=flags,
            batch=change.batch,
        )
        emails.queue_email(
            to=[old_email],
            template="email_changed",
            context={"person": person, "old_email": old_email},
        )
        transaction.on_commit(
            lambda: details_changed.send(User, person=person, fields=["email"])
        )
    logger.info("Email change %s confirmed for user %s", change.pk, person.pk)
    return person


# First sign-in -------------------------------------------------------------


def confirm_details(
    *,
    person,
    title,
    first_name,
    last_name,
    email,
    notice,
    marketing,
    analytics_opt_out,
):
    """Record a delegate's first-sign-in confirmation: their details (edited
    if they are not locked), acceptance of ``notice`` and their marketing
    and analytics choices, each with the time."""
    if not (person.is_authenticated and person.is_active):
        raise NotPermitted("Sign in to confirm your details.")
    with transaction.atomic():
        update = DetailsUpdate()
        if not person.details_locked:
            update = update_details(
                actor=person,
                person=person,
                title=title,
                first_name=first_name,
                last_name=last_name,
                email=email,
                route=Route.DELEGATE,
            )
        privacy.record_first_choices(
            person=person,
            notice=notice,
            marketing=marketing,
            analytics_opt_out=analytics_opt_out,
        )
        person.details_confirmed_at = timezone.now()
        User.objects.filter(pk=person.pk).update(
            details_confirmed_at=person.details_confirmed_at
        )
    logger.info("User %s confirmed their details", person.pk)
    return update


# Change requests -----------------------------------------------------------


def request_change(*, person, title, first_name, last_name, email, reason=""):
    """Ask ``person``'s managers to change their locked details."""
    if not (person.is_active and person.organisation_id):
        raise NotPermitted("Only a member of an organisation can ask for a change.")
    if not person.details_locked:
        raise NotLocked()
    cleaned = clean_details(
        title=title, first_name=first_name, last_name=last_name, email=email
    )
    reason = (reason or "").strip()
    if len(reason) > 1000:
        raise InvalidDetails(
            {"reason": [f"Use 1,000 characters or fewer (this has {len(reason)})."]}
        )
    if all(getattr(person, field) == cleaned[field] for field in DETAIL_FIELDS):
        raise NothingToChange()
    with transaction.atomic():
        User.objects.select_for_update().get(pk=person.pk)
        if ChangeRequest.objects.filter(
            person=person, status=ChangeRequest.Status.PENDING
        ).exists():
            raise ChangeRequestWaiting()
        change_request = ChangeRequest.objects.create(
            person=person, reason=reason, **cleaned
        )
        managers = [m.email for m in organisation_managers(person.organisation)]
        if managers:
            emails.queue_email(
                to=managers,
                template="change_request_received",
                context={
                    "change_request": change_request,
                    "person": person,
                    "rows": change_request.requested_changes(),
                    "link": _absolute(reverse("lms:change_requests")),
                },
            )
    logger.info("Change request %s made by user %s", change_request.pk, person.pk)
    return change_request


def decide_change_request(*, actor, change_request, approve, reason=""):
    """Approve (applying the change) or reject a delegate's change request;
    a rejection needs a reason. The delegate is told either way."""
    person = change_request.person
    if actor.pk == person.pk:
        raise OwnDetails()
    require(actor, _manage_perm_for(person), person.organisation)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ReasonRequired("Say why you are rejecting the request")
    with transaction.atomic():
        change_request = ChangeRequest.objects.select_for_update().get(
            pk=change_request.pk
        )
        if change_request.status != ChangeRequest.Status.PENDING:
            raise NotPending()
        rows = change_request.requested_changes()
        update = None
        if approve:
            update = update_details(
                actor=actor,
                person=person,
                title=change_request.title,
                first_name=change_request.first_name,
                last_name=change_request.last_name,
                email=change_request.email,
                route=Route.MANAGER,
            )
        change_request.status = (
            ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REJECTED
        )
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.decision_reason = reason
        change_request.save()
        emails.queue_email(
            to=[person.email],
            template="change_request_decided",
            context={
                "person": person,
                "change_request": change_request,
                "approved": approve,
                "rows": rows,
                "email_pending": update.email_pending if update else "",
                "actor": actor,
            },
        )
    logger.info(
        "Change request %s %s by user %s",
        change_request.pk,
        change_request.status,
        actor.pk,
    )
    return change_request


# The training team's action on a suspicious change -------------------------


def disable_and_forfeit(*, actor, person, reason):
    """Disable ``person``'s account and forfeit the credit of each of their
    enrolments, for ``reason``; only the provider's training team may.

    The ledger records each forfeit, the identity changes are marked
    actioned, and the person and their managers are told.
    """
    if not (is_provider_staff(actor) and actor.has_perm(RECORD_PURCHASES)):
        raise NotPermitted("Only the Credence training team can disable accounts.")
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired("Give the reason for disabling the account")
    now = timezone.now()
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if person.disabled_at is not None:
            raise AccountDisabled()
        managers = [
            m.email
            for m in organisation_managers(person.organisation).exclude(pk=person.pk)
        ]
        person.is_active = False
        person.disabled_at = now
        person.save(update_fields=["is_active", "disabled_at"])
        enrolments = list(
            Enrolment.objects.filter(delegate=person).select_related(
                "course", "delegate__organisation"
            )
        )
        for enrolment in enrolments:
            forfeit_credit(actor=actor, enrolment=enrolment, reason=reason)
        PendingEmailChange.objects.filter(
            person=person, confirmed_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=now)
        ChangeRequest.objects.filter(
            person=person, status=ChangeRequest.Status.PENDING
        ).update(
            status=ChangeRequest.Status.REJECTED,
            decided_by=actor,
            decided_at=now,
            decision_reason="The account was disabled.",
        )
        sync_role_permissions(person)
        privacy.mark_identity_changes_actioned(actor=actor, person=person, note=reason)
        context = {
            "person": person,
            "reason": reason,
            "courses": [e.course.title for e in enrolments],
        }
        emails.queue_email(
            to=[person.email], template="account_disabled", context=context
        )
        if managers:
            emails.queue_email(
                to=managers, template="account_disabled_managers", context=context
            )
    logger.warning(
        "User %s disabled by user %s; %s credit(s) forfeited",
        person.pk,
        actor.pk,
        len(enrolments),
    )
    return len(enrolments)
