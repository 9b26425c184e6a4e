"""The credit ledger: purchases, allocations, returns, forfeits, changes."""

import pytest
from django.db import IntegrityError, connection

from lms.exceptions import (
    AlreadyEnrolled,
    DetailMissing,
    InvalidQuantity,
    NoCreditLeft,
    NotPending,
    NotPermitted,
)
from lms.models import CreditAccount, CreditEntry, CreditRequest, Enrolment
from lms.services import credits
from tests.factories import (
    OrganisationFactory,
    give_credits,
    make_delegate,
    make_manager,
    make_provider_staff,
)

pytestmark = pytest.mark.django_db


def test_provider_records_a_purchase_and_the_balance_follows_the_ledger(
    organisation, course
):
    staff = make_provider_staff()

    entry = credits.record_purchase(
        actor=staff,
        organisation=organisation,
        course=course,
        quantity=5,
        reference="PO-7",
    )

    assert entry.account.balance == 5
    assert credits.balance_from_ledger(entry.account) == 5
    assert entry.created_by == staff


def test_a_manager_cannot_record_a_purchase(organisation, course):
    manager = make_manager(organisation)

    with pytest.raises(NotPermitted):
        credits.record_purchase(
            actor=manager,
            organisation=organisation,
            course=course,
            quantity=5,
            reference="x",
        )

    assert not CreditEntry.objects.exists()


@pytest.mark.parametrize(
    ("quantity", "reference", "refusal"),
    [
        (0, "PO-7", InvalidQuantity),
        (-3, "PO-7", InvalidQuantity),
        (10_001, "PO-7", InvalidQuantity),
        (5, "", DetailMissing),
        (5, "   ", DetailMissing),
    ],
)
def test_provider_cannot_record_a_purchase_without_credits_or_reference(
    organisation, course, quantity, reference, refusal
):
    staff = make_provider_staff()

    with pytest.raises(refusal):
        credits.record_purchase(
            actor=staff,
            organisation=organisation,
            course=course,
            quantity=quantity,
            reference=reference,
        )

    assert not CreditEntry.objects.exists()
    assert not CreditAccount.objects.exists()


def test_allocation_spends_one_credit_and_enrols(organisation, course):
    account = give_credits(organisation, course, 2)
    manager = make_manager(organisation)
    delegate = make_delegate(organisation)

    enrolment = credits.allocate_credit(actor=manager, delegate=delegate, course=course)

    account.refresh_from_db()
    assert enrolment.course == course
    assert account.balance == 1 == credits.balance_from_ledger(account)


def test_no_credit_left_names_the_course_and_balance_and_writes_nothing(
    organisation, course
):
    give_credits(organisation, course, 1)
    manager = make_manager(organisation)
    first, second = make_delegate(organisation), make_delegate(organisation)
    credits.allocate_credit(actor=manager, delegate=first, course=course)

    with pytest.raises(NoCreditLeft) as refusal:
        credits.allocate_credit(actor=manager, delegate=second, course=course)

    assert course.title in refusal.value.messages[0]
    assert "balance is 0" in refusal.value.messages[0]
    assert not Enrolment.objects.filter(delegate=second).exists()
    assert CreditEntry.objects.filter(kind="allocation").count() == 1


def test_a_second_allocation_of_the_same_course_is_refused(organisation, course):
    account = give_credits(organisation, course, 3)
    manager = make_manager(organisation)
    delegate = make_delegate(organisation)
    credits.allocate_credit(actor=manager, delegate=delegate, course=course)

    with pytest.raises(AlreadyEnrolled):
        credits.allocate_credit(actor=manager, delegate=delegate, course=course)

    account.refresh_from_db()
    assert account.balance == 2


def test_the_database_refuses_a_negative_balance(organisation, course):
    account = give_credits(organisation, course, 1)

    with pytest.raises(IntegrityError):
        CreditAccount.objects.filter(pk=account.pk).update(balance=-1)


def test_the_database_refuses_two_enrolments_on_one_course(organisation, course):
    delegate = make_delegate(organisation, course=course)

    with pytest.raises(IntegrityError):
        Enrolment.objects.create(delegate=delegate, course=course)


def test_a_manager_cannot_spend_another_organisations_credits(organisation, course):
    give_credits(organisation, course, 3)
    outsider = make_manager(OrganisationFactory())
    delegate = make_delegate(organisation)

    with pytest.raises(NotPermitted):
        credits.allocate_credit(actor=outsider, delegate=delegate, course=course)

    assert not Enrolment.objects.exists()


def test_an_unused_credit_returns_and_a_used_one_stays_spent(organisation, course):
    account = give_credits(organisation, course, 2)
    manager = make_manager(organisation)
    unused = credits.allocate_credit(
        actor=manager, delegate=make_delegate(organisation), course=course
    )
    used = credits.allocate_credit(
        actor=manager, delegate=make_delegate(organisation), course=course
    )
    Enrolment.objects.filter(pk=used.pk).update(first_attempt_at="2026-01-01T10:00Z")

    assert credits.return_unused_credit(actor=manager, enrolment=unused) is True
    assert credits.return_unused_credit(actor=manager, enrolment=used) is False

    account.refresh_from_db()
    assert account.balance == 1 == credits.balance_from_ledger(account)
    assert Enrolment.objects.filter(pk=used.pk).exists()


def test_forfeit_is_recorded_without_moving_the_balance(organisation, course):
    account = give_credits(organisation, course, 1)
    staff = make_provider_staff()
    enrolment = credits.allocate_credit(
        actor=staff, delegate=make_delegate(organisation), course=course
    )

    entry = credits.forfeit_credit(actor=staff, enrolment=enrolment, reason="Renamed")

    account.refresh_from_db()
    assert entry.kind == "forfeit"
    assert account.balance == 0 == credits.balance_from_ledger(account)


def test_an_adjustment_needs_the_provider_and_cannot_go_below_zero(
    organisation, course
):
    account = give_credits(organisation, course, 2)
    staff = make_provider_staff()

    with pytest.raises(NoCreditLeft):
        credits.adjust_credits(
            actor=staff,
            organisation=organisation,
            course=course,
            quantity=-3,
            reason="x",
        )
    credits.adjust_credits(
        actor=staff,
        organisation=organisation,
        course=course,
        quantity=-1,
        reason="Typo",
    )

    account.refresh_from_db()
    assert account.balance == 1 == credits.balance_from_ledger(account)


@pytest.mark.parametrize(
    ("quantity", "reason", "refusal"),
    [
        (0, "Typo", InvalidQuantity),
        (20_000, "Typo", InvalidQuantity),
        (1, " ", DetailMissing),
    ],
)
def test_provider_adjustment_needs_credits_and_a_reason(
    organisation, course, quantity, reason, refusal
):
    account = give_credits(organisation, course, 2)
    staff = make_provider_staff()

    with pytest.raises(refusal):
        credits.adjust_credits(
            actor=staff,
            organisation=organisation,
            course=course,
            quantity=quantity,
            reason=reason,
        )

    account.refresh_from_db()
    assert account.balance == 2
    assert account.entries.count() == 1


def test_approving_a_credit_request_allocates_a_credit(organisation, course):
    give_credits(organisation, course, 1)
    manager = make_manager(organisation)
    delegate = make_delegate(organisation)
    request = credits.request_credit(delegate=delegate, course=course, message="Please")

    credits.decide_credit_request(actor=manager, credit_request=request, approve=True)

    request.refresh_from_db()
    assert request.status == CreditRequest.Status.APPROVED
    assert Enrolment.objects.filter(delegate=delegate, course=course).exists()
    with pytest.raises(NotPending):
        credits.decide_credit_request(
            actor=manager, credit_request=request, approve=False
        )


def test_approving_without_credit_leaves_the_request_pending(organisation, course):
    manager = make_manager(organisation)
    request = credits.request_credit(
        delegate=make_delegate(organisation), course=course
    )

    with pytest.raises(NoCreditLeft):
        credits.decide_credit_request(
            actor=manager, credit_request=request, approve=True
        )

    request.refresh_from_db()
    assert request.status == CreditRequest.Status.PENDING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_never_overspend(organisation, course):
    if connection.vendor != "postgresql":
        pytest.skip("Row locking across connections needs PostgreSQL.")
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    account = give_credits(organisation, course, 5)
    manager = make_manager(organisation)
    delegates = [make_delegate(organisation) for _ in range(12)]

    def allocate(delegate):
        try:
            credits.allocate_credit(actor=manager, delegate=delegate, course=course)
            return "ok"
        except NoCreditLeft:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(allocate, delegates))

    account.refresh_from_db()
    assert outcomes.count("ok") == 5
    assert outcomes.count("refused") == 7
    assert account.balance == 0 == credits.balance_from_ledger(account)
