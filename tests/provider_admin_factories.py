"""Builders for the provider's admin tests: whole customer organisations
with their people, credits and ledger entries."""

from lms.services.credits import adjust_credits, record_purchase
from tests.factories import (
    OrganisationFactory,
    make_delegate,
    make_manager,
    make_provider_staff,
)


def make_customer(course, *, credits=3, delegates=1, **organisation):
    """Return an organisation with a Licence Holder, a Company Manager,
    ``delegates`` delegates and ``credits`` credits bought for ``course``.

    The purchase goes through the ledger, as the provider records it.
    """
    customer = OrganisationFactory(**organisation)
    make_manager(customer, licence_holder=True)
    make_manager(customer)
    for _ in range(delegates):
        make_delegate(customer)
    if credits:
        record_purchase(
            actor=_recorder(),
            organisation=customer,
            course=course,
            quantity=credits,
            reference=f"INV-{customer.pk:05d}",
        )
    return customer


def make_customers(course, count, **kwargs):
    """Return ``count`` customer organisations built by make_customer."""
    return [make_customer(course, **kwargs) for _ in range(count)]


def make_ledger_entries(organisation, course, count):
    """Add ``count`` adjustments for ``course`` to the ledger."""
    actor = _recorder()
    for number in range(count):
        adjust_credits(
            actor=actor,
            organisation=organisation,
            course=course,
            quantity=1,
            reason=f"Goodwill credit {number + 1}",
        )


def _recorder():
    from lms.models import User

    staff = User.objects.filter(email="ledger.clerk@credence.example").first()
    return staff or make_provider_staff(
        email="ledger.clerk@credence.example", first_name="Eilidh", last_name="Ross"
    )
