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


class ImportRejected(ValidationError):
    """An uploaded file cannot be read as a list of delegates."""
