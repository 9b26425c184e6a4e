"""Who may read a course's modules and lessons.

Anyone may read a course's overview. Its modules and lessons are open to:

- the provider's staff (people with Wagtail admin access), for every course;
- a delegate enrolled on the course;
- a delegate enrolled on, or who passed, another course whose access rule
  opens this one, for the rule's number of days from the enrolment or pass.

A disabled or deactivated account reads nothing beyond the overviews.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from lms.models import CourseAccessRule, CourseIndexPage, CoursePage, Enrolment


class LessonAccessDenied(PermissionDenied):
    """Raised when someone acts on a lesson they may not read."""


@dataclass(frozen=True)
class CourseAccess:
    """The answer to "may this person read this course's lessons?"."""

    STAFF = "staff"
    ENROLLED = "enrolled"
    RULE = "rule"
    EXPIRED = "expired"
    SIGNED_OUT = "signed_out"
    NONE = "none"

    reason: str
    #: For access through a rule: when it ends (or ended, once expired).
    until: datetime.datetime | None = None
    #: For access through a rule: the course whose enrolment or pass opened it.
    via_course_title: str = ""

    @property
    def allowed(self):
        """Return True if the lessons may be read."""
        return self.reason in {self.STAFF, self.ENROLLED, self.RULE}


def _account_in_good_standing(user):
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "disabled_at", None) is None
    )


def _rule_windows(enrolments, target_ids=None):
    """Yield (rule, start, end) for each rule the user's enrolments trigger."""
    by_course = {enrolment.course_id: enrolment for enrolment in enrolments}
    if not by_course:
        return
    rules = CourseAccessRule.objects.filter(source_course_id__in=by_course).only(
        "source_course_id", "target_course_id", "trigger", "days"
    )
    if target_ids is not None:
        rules = rules.filter(target_course_id__in=target_ids)
    for rule in rules:
        enrolment = by_course[rule.source_course_id]
        if rule.trigger == CourseAccessRule.Trigger.ENROL:
            start = enrolment.enrolled_at
        elif enrolment.passed and enrolment.completed_at:
            start = enrolment.completed_at
        else:
            continue
        yield rule, start, start + datetime.timedelta(days=rule.days)


def _enrolments(user):
    return list(
        Enrolment.objects.filter(delegate=user).only(
            "course_id", "enrolled_at", "passed", "completed_at"
        )
    )


def course_access(user, course, *, now=None):
    """Return how (and whether) ``user`` may read ``course``'s lessons."""
    if not _account_in_good_standing(user):
        if user is None or not user.is_authenticated:
            return CourseAccess(CourseAccess.SIGNED_OUT)
        return CourseAccess(CourseAccess.NONE)
    if user.is_staff:
        return CourseAccess(CourseAccess.STAFF)
    enrolments = _enrolments(user)
    if any(enrolment.course_id == course.pk for enrolment in enrolments):
        return CourseAccess(CourseAccess.ENROLLED)
    now = now or timezone.now()
    open_until = None
    ended = None
    via_id = None
    for rule, start, end in _rule_windows(enrolments, target_ids=[course.pk]):
        if start <= now < end:
            if open_until is None or end > open_until:
                open_until, via_id = end, rule.source_course_id
        elif end <= now and (ended is None or end > ended):
            ended = end
    if open_until is not None:
        via = CoursePage.objects.filter(pk=via_id).values_list("title", flat=True)
        return CourseAccess(
            CourseAccess.RULE, until=open_until, via_course_title=via.first() or ""
        )
    if ended is not None:
        return CourseAccess(CourseAccess.EXPIRED, until=ended)
    return CourseAccess(CourseAccess.NONE)


def readable_course_ids(user, *, now=None):
    """Return the ids of courses whose lessons ``user`` may read now.

    Return None for the provider's staff, who may read every course.
    """
    if not _account_in_good_standing(user):
        return set()
    if user.is_staff:
        return None
    enrolments = _enrolments(user)
    now = now or timezone.now()
    readable = {enrolment.course_id for enrolment in enrolments}
    readable.update(
        rule.target_course_id
        for rule, start, end in _rule_windows(enrolments)
        if start <= now < end
    )
    return readable


def readable_pages_q(user, *, now=None):
    """Return a filter on pages for the course content ``user`` may read.

    Every course overview matches; modules and lessons match only inside
    the courses ``readable_course_ids`` allows.
    """
    course_ids = readable_course_ids(user, now=now)
    if course_ids is None:
        return Q()
    overviews = Q(
        content_type__in=[
            ContentType.objects.get_for_model(CourseIndexPage),
            ContentType.objects.get_for_model(CoursePage),
        ]
    )
    paths = CoursePage.objects.filter(pk__in=course_ids).values_list("path", flat=True)
    for path in paths:
        overviews |= Q(path__startswith=path)
    return overviews


def check_can_read_lesson(user, lesson):
    """Raise ``LessonAccessDenied`` unless ``user`` may read ``lesson``."""
    course, _module = lesson.get_course_and_module()
    access = course_access(user, course)
    if not access.allowed:
        raise LessonAccessDenied("You do not have access to this lesson.")
    return access
