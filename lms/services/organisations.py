"""Operations on a customer organisation as a whole: its purchases and the
first manager who looks after them."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from lms.exceptions import (
    AlreadyManaged,
    DetailMissing,
    FirstManagerNeeded,
    NotPermitted,
)
from lms.models import Organisation, User
from lms.permissions import MANAGE_MANAGERS
from lms.services import credits, people

logger = logging.getLogger(__name__)

#: The details of a first manager, with how a missing one is named.
FIRST_MANAGER_DETAILS = {
    "title": "title",
    "first_name": "first name",
    "last_name": "family name",
    "email": "email address",
}


def needs_first_manager(organisation):
    """Return True while nobody can sign in to manage ``organisation``."""
    return not User.objects.managers().filter(organisation=organisation).exists()


def _clean_first_manager(details):
    """Return the first manager's details trimmed, or refuse missing ones."""
    cleaned = {}
    for key, label in FIRST_MANAGER_DETAILS.items():
        value = (details.get(key) or "").strip()
        if not value:
            raise DetailMissing(f"Enter the first manager's {label}.")
        cleaned[key] = value
    if cleaned["title"] not in User.Title.values:
        raise DetailMissing("Choose the first manager's title from the list.")
    try:
        validate_email(cleaned["email"])
    except ValidationError:
        raise DetailMissing(
            "Enter the first manager's email address in full, like name@example.com."
        ) from None
    return cleaned


def record_organisation_purchase(
    *, actor, organisation, course, quantity, reference, first_manager=None
):
    """Record credits bought by ``organisation`` for ``course``.

    An organisation that nobody manages yet also gets its first manager
    from ``first_manager`` (a dict of title, first_name, last_name and
    email): one account that is both Company Manager and Licence Holder,
    sent the welcome email once everything is saved. Either the purchase
    and the account are both recorded, or neither is.

    Return the ledger entry and the new manager (None when not needed).
    """
    if not actor.has_perm(credits.RECORD_PURCHASES):
        raise NotPermitted("Only the provider's training team records purchases.")
    if first_manager is not None:
        if not actor.has_perm(MANAGE_MANAGERS):
            raise NotPermitted("Only the provider's training team adds managers.")
        first_manager = _clean_first_manager(first_manager)
    with transaction.atomic():
        # One lock per organisation, so that two purchases recorded at once
        # cannot both make a "first" manager.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        needed = needs_first_manager(organisation)
        if needed and first_manager is None:
            raise FirstManagerNeeded(organisation)
        if first_manager is not None and not needed:
            raise AlreadyManaged(organisation)
        entry = credits.record_purchase(
            actor=actor,
            organisation=organisation,
            course=course,
            quantity=quantity,
            reference=reference,
        )
        manager = None
        if first_manager is not None:
            manager = people.add_manager(
                actor=actor,
                organisation=organisation,
                licence_holder=True,
                **first_manager,
            )
    if manager is not None:
        logger.info(
            "First manager %s created for organisation %s by user %s",
            manager.pk,
            organisation.pk,
            actor.pk,
        )
    return entry, manager
