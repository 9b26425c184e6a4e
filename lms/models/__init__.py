"""Models of the training service, one module per area."""

from .courses import (
    CourseAccessRule,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)
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
from .progress import Bookmark, LessonProgress

__all__ = [
    "Bookmark",
    "ChangeRequest",
    "CourseAccessRule",
    "CourseIndexPage",
    "CoursePage",
    "CreditAccount",
    "CreditEntry",
    "CreditRequest",
    "DelegateImport",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Organisation",
    "OrganisationGroupPermission",
    "OrganisationUserPermission",
    "PendingEmailChange",
    "User",
]
