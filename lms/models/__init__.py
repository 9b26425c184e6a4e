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
from .organisations import (
    Organisation,
    OrganisationGroupPermission,
    OrganisationUserPermission,
)
from .people import User
from .progress import Bookmark, LessonProgress

__all__ = [
    "Bookmark",
    "CourseAccessRule",
    "CourseIndexPage",
    "CoursePage",
    "CreditAccount",
    "CreditEntry",
    "CreditRequest",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Organisation",
    "OrganisationGroupPermission",
    "OrganisationUserPermission",
    "User",
]
