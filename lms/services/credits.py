"""Credit operations: purchases, allocations, returns, forfeits and
adjustments, all written to the ledger."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from lms.exceptions import (
    AlreadyEnrolled,
    BalanceBelowZero,
    DetailMissing,
    InvalidQuantity,
    NoCreditLeft,
    NotPending,
    NotPermitted,
)
from lms.models import CreditAccount, CreditEntry, CreditRequest, Enrolment
from lms.permissions import MANAGE_DELEGATES, require

logger = logging.getLogger(__name__)

RECORD_PURCHASES = "lms.add_creditentry"
#: The most credits one purchase or adjustment may move; more is far beyond
#: any order so far and most likely a typing mistake.
MAX_CREDITS_PER_ENTRY = 10_000


def balance_from_ledger(account):
    """Return the balance the ledger adds up to, for checking the account."""
    total = account.entries.aggregate(total=Sum("quantity"))["total"]
    return total or 0


def _locked_account(organisation, course):
    """Return the credit account, locked until the transaction ends."""
    account, _ = CreditAccount.objects.get_or_create(
        organisation=organisation, course=course
    )
    return CreditAccount.objects.select_for_update().get(pk=account.pk)


def _move(account, *, kind, quantity, actor, delegate=None, reference="", reason=""):
    """Apply ``quantity`` to a locked account and record it in the ledger."""
    if quantity:
        CreditAccount.objects.filter(pk=account.pk).update(
            balance=F("balance") + quantity
        )
        account.balance += quantity
    return CreditEntry.objects.create(
        account=account,
        kind=kind,
        quantity=quantity,
        delegate=delegate,
        reference=reference,
        reason=reason,
        created_by=actor,
    )


def record_purchase(*, actor, organisation, course, quantity, reference):
    """Add ``quantity`` credits bought by ``organisation`` for ``course``."""
    if not actor.has_perm(RECORD_PURCHASES):
        raise NotPermitted("Only the provider's training team records purchases.")
    if not 0 < quantity <= MAX_CREDITS_PER_ENTRY:
        raise InvalidQuantity(
            f"A purchase adds between 1 and {MAX_CREDITS_PER_ENTRY:,} credits."
        )
    reference = (reference or "").strip()
    if not reference:
        raise DetailMissing("A purchase needs its order or invoice reference.")
    with transaction.atomic():
        account = _locked_account(organisation, course)
        entry = _move(
            account,
            kind=CreditEntry.Kind.PURCHASE,
            quantity=quantity,
            actor=actor,
            reference=reference,
        )
    logger.info(
        "Purchase of %s credits recorded for organisation %s, course %s",
        quantity,
        organisation.pk,
        course.pk,
    )
    return entry


def allocate_credits(*, actor, delegates, course):
    """Spend one credit of the delegates' organisation per delegate on
    ``course`` and return their enrolments; all or none are enrolled.

    The account row stays locked until the transaction ends, so parallel
    requests queue rather than overspend; the balance's check constraint
    refuses a negative balance even so.
    """
    if not delegates:
        return []
    organisation = delegates[0].organisation
    require(actor, MANAGE_DELEGATES, organisation)
    if any(d.organisation_id != organisation.pk for d in delegates):
        raise NotPermitted("Credits are spent for one organisation at a time.")
    with transaction.atomic():
        account = _locked_account(organisation, course)
        if account.balance < len(delegates):
            raise NoCreditLeft(course, account.balance, needed=len(delegates))
        try:
            with transaction.atomic():
                enrolments = Enrolment.objects.bulk_create(
                    [Enrolment(delegate=d, course=course) for d in delegates]
                )
        except IntegrityError:
            raise AlreadyEnrolled(course) from None
        CreditEntry.objects.bulk_create(
            [
                CreditEntry(
                    account=account,
                    kind=CreditEntry.Kind.ALLOCATION,
                    quantity=-1,
                    delegate=delegate,
                    created_by=actor,
                )
                for delegate in delegates
            ]
        )
        CreditAccount.objects.filter(pk=account.pk).update(
            balance=F("balance") - len(delegates)
        )
    return enrolments


def allocate_credit(*, actor, delegate, course):
    """Spend one credit to enrol ``delegate`` on ``course``."""
    return allocate_credits(actor=actor, delegates=[delegate], course=course)[0]


def return_unused_credit(*, actor, enrolment):
    """Give back the credit of an enrolment that was never used, and end it.

    A used credit (an assessment was submitted) stays spent: the enrolment
    is kept and False is returned.
    """
    require(actor, MANAGE_DELEGATES, enrolment.delegate.organisation)
    with transaction.atomic():
        account = _locked_account(enrolment.delegate.organisation, enrolment.course)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.is_used:
            return False
        _move(
            account,
            kind=CreditEntry.Kind.RETURN,
            quantity=1,
            actor=actor,
            delegate=enrolment.delegate,
        )
        enrolment.delete()
    return True


def forfeit_credit(*, actor, enrolment, reason):
    """Record that an enrolment's credit is lost and will not be returned."""
    if not actor.has_perm(RECORD_PURCHASES):
        raise NotPermitted("Only the provider's training team forfeits credits.")
    with transaction.atomic():
        account = _locked_account(enrolment.delegate.organisation, enrolment.course)
        return _move(
            account,
            kind=CreditEntry.Kind.FORFEIT,
            quantity=0,
            actor=actor,
            delegate=enrolment.delegate,
            reason=reason,
        )


def adjust_credits(*, actor, organisation, course, quantity, reason):
    """Correct a balance by hand, with the reason recorded."""
    if not actor.has_perm(RECORD_PURCHASES):
        raise NotPermitted("Only the provider's training team adjusts balances.")
    if quantity == 0 or abs(quantity) > MAX_CREDITS_PER_ENTRY:
        raise InvalidQuantity(
            f"An adjustment adds or takes between 1 and {MAX_CREDITS_PER_ENTRY:,} "
            "credits."
        )
    reason = (reason or "").strip()
    if not reason:
        raise DetailMissing("An adjustment needs the reason it is made.")
    with transaction.atomic():
        account = _locked_account(organisation, course)
        if account.balance + quantity < 0:
            raise BalanceBelowZero(course, account.balance, taken=-quantity)
        return _move(
            account,
            kind=CreditEntry.Kind.ADJUSTMENT,
            quantity=quantity,
            actor=actor,
            reason=reason,
        )


def request_credit(*, delegate, course, message=""):
    """Ask the delegate's managers for a credit on another course."""
    if not (delegate.is_delegate and delegate.organisation_id):
        raise NotPermitted("Only a delegate of an organisation can ask for a credit.")
    if Enrolment.objects.filter(delegate=delegate, course=course).exists():
        raise AlreadyEnrolled(course)
    request, _ = CreditRequest.objects.get_or_create(
        delegate=delegate,
        course=course,
        status=CreditRequest.Status.PENDING,
        defaults={"message": message},
    )
    return request


def decide_credit_request(*, actor, credit_request, approve):
    """Approve (allocating a credit) or decline a delegate's request."""
    require(actor, MANAGE_DELEGATES, credit_request.delegate.organisation)
    with transaction.atomic():
        credit_request = CreditRequest.objects.select_for_update().get(
            pk=credit_request.pk
        )
        if credit_request.status != CreditRequest.Status.PENDING:
            raise NotPending()
        if approve:
            allocate_credit(
                actor=actor,
                delegate=credit_request.delegate,
                course=credit_request.course,
            )
        credit_request.status = (
            CreditRequest.Status.APPROVED if approve else CreditRequest.Status.DECLINED
        )
        credit_request.decided_by = actor
        credit_request.decided_at = timezone.now()
        credit_request.save()
    return credit_request
