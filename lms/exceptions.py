"""Refusals raised by the training operations, each with a clear message."""

from django.core.exceptions import PermissionDenied, ValidationError


class NotPermitted(PermissionDenied):
    """The person may not do this to this object."""


class NoCreditLeft(ValidationError):
    """The organisation has no credit left for the course."""

    def __init__(self, course, balance, needed=1):
        if needed == 1:
            message = (
                f"There is no credit left for {course.title}: the balance is "
                f"{balance}. Ask your account contact to buy more credits."
            )
        else:
            message = (
                f"{needed} credits are needed for {course.title} but the "
                f"balance is {balance}. Nothing was created."
            )
        super().__init__(message, code="no_credit")
        self.course = course
        self.balance = balance


class BalanceBelowZero(NoCreditLeft):
    """An adjustment would take more credits than the balance holds."""

    def __init__(self, course, balance, taken):
        # Skip NoCreditLeft's message, which is about spending credits.
        super(NoCreditLeft, self).__init__(
            f"The balance for {course.title} is {balance}: taking {taken} "
            "credits would leave it below zero. Nothing was changed.",
            code="below_zero",
        )
        self.course = course
        self.balance = balance


class AlreadyEnrolled(ValidationError):
    """The delegate already holds a credit for the course."""

    def __init__(self, course):
        super().__init__(
            f"This person already has a place on {course.title}.", code="enrolled"
        )


class EmailInUse(ValidationError):
    """Another account already uses the email address."""

    def __init__(self, email):
        super().__init__(
            f"{email} is already used by another Credence account. "
            "Each person needs their own email address.",
            code="email_in_use",
        )


class LastLicenceHolder(ValidationError):
    """The organisation would be left without a licence holder."""

    def __init__(self):
        super().__init__(
            "An organisation must keep at least one licence holder. "
            "Make someone else licence holder first.",
            code="last_licence_holder",
        )


class NotPending(ValidationError):
    """The request has already been decided."""

    def __init__(self):
        super().__init__("This request has already been decided.", code="decided")


class InvalidQuantity(ValidationError):
    """A number of credits that the operation cannot record."""

    def __init__(self, message):
        super().__init__(message, code="invalid_quantity")


class DetailMissing(ValidationError):
    """A detail the operation must record was left empty."""

    def __init__(self, message):
        super().__init__(message, code="required")


class FirstManagerNeeded(ValidationError):
    """The organisation has nobody to manage its credits yet."""

    def __init__(self, organisation):
        super().__init__(
            f"{organisation.name} has no Company Manager yet. Enter the details "
            "of its first manager, who will also be its Licence Holder.",
            code="first_manager_needed",
        )


class AlreadyManaged(ValidationError):
    """A first manager was given for an organisation that already has one."""

    def __init__(self, organisation):
        super().__init__(
            f"{organisation.name} already has a Company Manager. Leave the first "
            "manager's details empty; its Licence Holder adds further managers.",
            code="already_managed",
        )
