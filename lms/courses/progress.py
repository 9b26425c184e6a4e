"""Progress through lessons, bookmarks and where to continue.

Percentages come from aggregate queries over a course's live lessons, so the
number of queries does not grow with the size of a course. A lesson counts
towards its course only while it and its module are both published.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone

from lms.courses.access import check_can_read_lesson, readable_course_ids
from lms.models import (
    Bookmark,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)

logger = logging.getLogger(__name__)


def percent(done, total):
    """Return ``done`` out of ``total`` as a whole percentage, rounded down.

    Rounding down keeps "100%" for a course that really is finished.
    """
    return (100 * done) // total if total else 0


@dataclass
class ModuleProgress:
    """One module of a course and how far a person is through it."""

    module: ModulePage
    total: int = 0
    done: int = 0

    @property
    def percent(self):
        """Return the share of the module's lessons that are done."""
        return percent(self.done, self.total)


@dataclass
class CourseOutline:
    """A course's published modules, with a person's progress through them."""

    course: CoursePage
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def total(self):
        """Return the number of published lessons in the course."""
        return sum(item.total for item in self.modules)

    @property
    def done(self):
        """Return the number of those lessons the person has done."""
        return sum(item.done for item in self.modules)

    @property
    def percent(self):
        """Return the share of the course's lessons that are done."""
        return percent(self.done, self.total)

    def module_index(self, module):
        """Return the position of ``module`` in the outline, or None."""
        for index, item in enumerate(self.modules):
            if item.module.pk == module.pk:
                return index
        return None


def _tally_lessons(user, module_paths):
    """Return {module path: (lessons, lessons done)} for the given modules."""
    by_length = defaultdict(list)
    for path in module_paths:
        by_length[len(path)].append(path)
    totals = defaultdict(int)
    done = defaultdict(int)
    for length, paths in by_length.items():
        lesson_rows = (
            LessonPage.objects.live()
            .filter(depth=length // LessonPage.steplen + 1)
            .annotate(module_path=Substr("path", 1, length))
            .filter(module_path__in=paths)
            .values("module_path")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in lesson_rows:
            totals[row["module_path"]] = row["count"]
        if user is None or not user.is_authenticated:
            continue
        done_rows = (
            LessonProgress.objects.filter(
                delegate=user,
                completed_at__isnull=False,
                lesson__live=True,
                lesson__depth=length // LessonPage.steplen + 1,
            )
            .annotate(module_path=Substr("lesson__path", 1, length))
            .filter(module_path__in=paths)
            .values("module_path")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in done_rows:
            done[row["module_path"]] = row["count"]
    return {path: (totals[path], done[path]) for path in module_paths}


def course_outlines(user, courses):
    """Return {course id: CourseOutline} for ``courses``, for ``user``."""
    courses = list(courses)
    outlines = {course.pk: CourseOutline(course) for course in courses}
    if not courses:
        return outlines
    by_path = {course.path: course for course in courses}
    under_courses = Q()
    for course in courses:
        under_courses |= Q(path__startswith=course.path, depth=course.depth + 1)
    modules = list(
        ModulePage.objects.live()
        .filter(under_courses)
        .order_by("path")
        .defer("search_description", "seo_title")
    )
    tallies = _tally_lessons(user, [module.path for module in modules])
    for module in modules:
        course = by_path[module.path[: -ModulePage.steplen]]
        total, done = tallies[module.path]
        outlines[course.pk].modules.append(ModuleProgress(module, total, done))
    return outlines


def course_outline(user, course):
    """Return the outline of one course with ``user``'s progress."""
    return course_outlines(user, [course])[course.pk]


def module_lessons(user, module):
    """Return the module's published lessons, marked done or bookmarked."""
    lessons = LessonPage.objects.live().child_of(module).order_by("path")
    if user is not None and user.is_authenticated:
        lessons = lessons.annotate(
            is_done=Exists(
                LessonProgress.objects.filter(
                    lesson=OuterRef("pk"), delegate=user, completed_at__isnull=False
                )
            ),
            is_bookmarked=Exists(
                Bookmark.objects.filter(lesson=OuterRef("pk"), delegate=user)
            ),
        )
    return list(lessons.defer("body"))


def first_lesson(module):
    """Return the first published lesson of ``module``, or None."""
    return LessonPage.objects.live().child_of(module).order_by("path").first()


def neighbours(lesson, outline):
    """Return the published lessons before and after ``lesson`` in its course.

    Crosses into the neighbouring published modules; two queries, wherever
    the lesson sits and however long the course is.
    """
    in_live_modules = Q()
    for item in outline.modules:
        in_live_modules |= Q(path__startswith=item.module.path)
    if not outline.modules or lesson.path is None:
        return None, None
    lessons = (
        LessonPage.objects.live()
        .filter(in_live_modules, depth=lesson.depth)
        .defer("body")
    )
    previous = lessons.filter(path__lt=lesson.path).order_by("-path").first()
    following = lessons.filter(path__gt=lesson.path).order_by("path").first()
    return previous, following


def continue_lesson(user, course):
    """Return the lesson of ``course`` that ``user`` viewed last, or None."""
    if user is None or not user.is_authenticated:
        return None
    progress = (
        LessonProgress.objects.filter(
            delegate=user,
            last_viewed_at__isnull=False,
            lesson__live=True,
            lesson__path__startswith=course.path,
        )
        .select_related("lesson")
        .order_by("-last_viewed_at")
        .first()
    )
    return progress.lesson if progress else None


def lesson_state(user, lesson):
    """Return (done, bookmarked) for ``user`` and ``lesson``."""
    if user is None or not user.is_authenticated or lesson.pk is None:
        return False, False
    done = LessonProgress.objects.filter(
        delegate=user, lesson=lesson, completed_at__isnull=False
    ).exists()
    bookmarked = Bookmark.objects.filter(delegate=user, lesson=lesson).exists()
    return done, bookmarked


def record_lesson_view(user, lesson, *, access=None):
    """Note that ``user`` has just opened ``lesson``.

    ``access`` may carry the answer of an access check already made for
    this request; without it the check is made here.
    """
    if access is None or not access.allowed:
        check_can_read_lesson(user, lesson)
    now = timezone.now()
    with transaction.atomic():
        LessonProgress.objects.bulk_create(
            [LessonProgress(delegate=user, lesson=lesson, last_viewed_at=now)],
            update_conflicts=True,
            unique_fields=["delegate", "lesson"],
            update_fields=["last_viewed_at"],
        )


def mark_lesson_done(user, lesson, *, completion=LessonProgress.Completion.MARKED):
    """Count ``lesson`` as done for ``user``; doing it twice changes nothing.

    Return True if this call completed the lesson, False if it already was.
    """
    check_can_read_lesson(user, lesson)
    now = timezone.now()
    with transaction.atomic():
        LessonProgress.objects.get_or_create(
            delegate=user, lesson=lesson, defaults={"last_viewed_at": now}
        )
        changed = LessonProgress.objects.filter(
            delegate=user, lesson=lesson, completed_at__isnull=True
        ).update(completed_at=now, completion=completion)
    if changed:
        logger.info("Lesson %s done for user %s (%s)", lesson.pk, user.pk, completion)
    return bool(changed)


def add_bookmark(user, lesson):
    """Bookmark ``lesson`` for ``user``; return the bookmark."""
    check_can_read_lesson(user, lesson)
    with transaction.atomic():
        bookmark, _created = Bookmark.objects.get_or_create(
            delegate=user, lesson=lesson
        )
    return bookmark


def remove_bookmark(user, lesson):
    """Remove ``user``'s bookmark on ``lesson``, if there is one.

    Anyone may remove their own bookmark, even once the lesson has closed
    to them; nobody can touch anyone else's.
    """
    if user is None or not user.is_authenticated:
        return False
    with transaction.atomic():
        deleted, _ = Bookmark.objects.filter(delegate=user, lesson=lesson).delete()
    return bool(deleted)


@dataclass
class BookmarkEntry:
    """A bookmark as listed for its owner."""

    bookmark: Bookmark
    course: CoursePage | None
    readable: bool


def bookmarks_for(user):
    """Return ``user``'s bookmarks on published lessons, newest first."""
    bookmarks = list(
        Bookmark.objects.filter(delegate=user, lesson__live=True)
        .select_related("lesson")
        .defer("lesson__body")
    )
    if not bookmarks:
        return []
    readable = readable_course_ids(user)
    course_paths = {
        bookmark.lesson.path[:length]
        for bookmark in bookmarks
        for length in range(
            CoursePage.steplen, len(bookmark.lesson.path), CoursePage.steplen
        )
    }
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(path__in=course_paths).only(
            "title", "path", "url_path", "depth"
        )
    }
    entries = []
    for bookmark in bookmarks:
        course = next(
            (
                courses[path]
                for path in courses
                if bookmark.lesson.path.startswith(path)
            ),
            None,
        )
        can_read = course is not None and (readable is None or course.pk in readable)
        entries.append(BookmarkEntry(bookmark, course, can_read))
    return entries


@dataclass
class CourseEntry:
    """A course on a person's training page."""

    course: CoursePage
    outline: CourseOutline
    enrolment: Enrolment | None
    continue_with: LessonPage | None


def training_summary(user):
    """Return the courses ``user`` may study, with progress, for their page."""
    enrolments = {
        enrolment.course_id: enrolment
        for enrolment in Enrolment.objects.filter(delegate=user)
    }
    readable = readable_course_ids(user)
    course_ids = set(enrolments) | (readable or set())
    courses = list(CoursePage.objects.live().filter(pk__in=course_ids).order_by("path"))
    outlines = course_outlines(user, courses)
    return [
        CourseEntry(
            course,
            outlines[course.pk],
            enrolments.get(course.pk),
            continue_lesson(user, course),
        )
        for course in courses
    ]
