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


class ImportRejected(ValidationError):
    """An uploaded file cannot be read as a list of delegates."""


class DetailsLocked(NotPermitted):
    """The delegate's details are locked after an assessment attempt."""

    def __init__(self):
        super().__init__(
            "Your details are locked because you have submitted an assessment. "
            "Use \u201cRequest a change\u201d on your profile and your "
            "organisation's managers will consider it."
        )


class OwnDetails(NotPermitted):
    """A manager tried to approve or make a change to their own details."""

    def __init__(self):
        super().__init__(
            "You cannot change or approve changes to your own details as a "
            "manager. Another manager or the Credence training team must do it."
        )


class InvalidDetails(ValidationError):
    """What was typed for a person's details cannot be used; the message
    of each field says why."""


class NothingToChange(ValidationError):
    """The details asked for are the ones already held."""

    def __init__(self):
        super().__init__(
            "These are already your details: change at least one of them.",
            code="nothing_to_change",
        )


class NotLocked(ValidationError):
    """The person can still edit their details themself."""

    def __init__(self):
        super().__init__(
            "You can still edit your details yourself, so there is nothing to request.",
            code="not_locked",
        )


class ChangeRequestWaiting(ValidationError):
    """The person already has a change request waiting for a decision."""

    def __init__(self):
        super().__init__(
            "You already have a change request waiting for your managers. "
            "You can ask again once they have decided.",
            code="request_waiting",
        )


class ReasonRequired(ValidationError):
    """The decision needs a reason that explains it."""

    def __init__(self, what="Give a reason"):
        super().__init__(f"{what}: it is recorded and shown to the person.")


class AccountDisabled(ValidationError):
    """The account is already disabled."""

    def __init__(self):
        super().__init__("This account is disabled.", code="disabled")


class EmailLinkInvalid(ValidationError):
    """An email-confirmation link cannot be used; the message says why."""


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
