"""Models of the training service, one module per area."""

from .courses import CoursePage
from .credits import CreditAccount, CreditEntry, CreditRequest
from .enrolments import Enrolment
from .identity import ChangeRequest, PendingEmailChange
from .imports import DelegateImport
from .organisations import (
    Organisation,
    OrganisationGroupPermission,
    OrganisationUserPermission,
)
from .people import User

__all__ = [
    "ChangeRequest",
    "CoursePage",
    "CreditAccount",
    "CreditEntry",
    "CreditRequest",
    "DelegateImport",
    "Enrolment",
    "Organisation",
    "OrganisationGroupPermission",
    "OrganisationUserPermission",
    "PendingEmailChange",
    "User",
]
