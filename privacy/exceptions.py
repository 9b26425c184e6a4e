"""Refusals raised by the privacy operations, each with a clear message."""

from django.core.exceptions import PermissionDenied, ValidationError


class NotPermitted(PermissionDenied):
    """The person may not do this."""


class NoPrivacyNotice(ValidationError):
    """No privacy notice is in force, so none can be accepted."""

    def __init__(self):
        super().__init__(
            "Credence cannot take your confirmation until its privacy notice "
            "is published. Please try again later or contact support.",
            code="no_notice",
        )


class UnknownAccountAction(ValidationError):
    """No account action of that name is registered."""

    def __init__(self):
        super().__init__("That action is not available.", code="unknown_action")


class AlreadyReviewed(ValidationError):
    """The identity change has already been reviewed or acted on."""

    def __init__(self):
        super().__init__(
            "This identity change has already been reviewed.", code="reviewed"
        )
