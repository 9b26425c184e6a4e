"""Builders for courses, their pages, delegates and enrolments."""

import datetime

import factory
from django.utils import timezone

from lms.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
)
from tests.factories import OrganisationFactory, UserFactory, make_home_page


class DelegateFactory(UserFactory):
    """A delegate of an organisation."""

    organisation = factory.SubFactory(OrganisationFactory)
    is_delegate = True
    #: Past the first sign-in confirmation, so pages are not redirected.
    details_confirmed_at = factory.LazyFunction(timezone.now)


def lesson_body(word="lesson"):
    """Return a small lesson body that mentions ``word``."""
    return [
        {"type": "heading", "value": f"About the {word}"},
        {"type": "paragraph", "value": f"<p>This text explains the {word}.</p>"},
        {"type": "key_point", "value": f"Remember the {word}."},
    ]


def make_course_index(home):
    """Return the course index under ``home``, creating it once."""
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(title="Courses", slug="courses")
        )
    return index


def make_course(
    home=None,
    *,
    slug="course",
    title="Export controls",
    modules=2,
    lessons_per_module=3,
    level=CoursePage.Level.FOUNDATION,
):
    """Return a published course of ``modules`` x ``lessons_per_module``.

    Lessons are titled "Lesson m.n" with slugs "lesson-m-n", and each
    body mentions the word "topicMxN" ("topic1x2") so that search can find it.
    """
    index = make_course_index(home or make_home_page())
    course = index.add_child(
        instance=CoursePage(
            title=title,
            slug=slug,
            summary=f"What {title} covers.",
            level=level,
            duration_minutes=90,
        )
    )
    for m in range(1, modules + 1):
        module = make_module(course, m)
        for n in range(1, lessons_per_module + 1):
            make_lesson(module, f"{m}-{n}")
    return course


def make_module(course, number, **fields):
    """Return a published module numbered ``number`` in ``course``."""
    return course.add_child(
        instance=ModulePage(
            title=f"Module {number}",
            slug=f"module-{number}",
            summary=f"Module {number} in short.",
            **fields,
        )
    )


def make_lesson(module, number, *, body=None, **fields):
    """Return a lesson numbered like "1-2" in ``module``."""
    return module.add_child(
        instance=LessonPage(
            title=f"Lesson {number.replace('-', '.')}",
            slug=f"lesson-{number}",
            summary=f"Lesson {number} in short.",
            body=body
            if body is not None
            else lesson_body(f"topic{number.replace('-', 'x')}"),
            **fields,
        )
    )


def lessons_of(course):
    """Return the course's lessons in reading order."""
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def enrol(delegate, course, *, days_ago=0, passed=None, completed_days_ago=None):
    """Enrol ``delegate`` on ``course``, as if ``days_ago`` days ago."""
    enrolment = Enrolment.objects.create(delegate=delegate, course=course)
    now = timezone.now()
    changes = {"enrolled_at": now - datetime.timedelta(days=days_ago)}
    if passed is not None:
        changes["passed"] = passed
        changes["completed_at"] = now - datetime.timedelta(days=completed_days_ago or 0)
    Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
    enrolment.refresh_from_db()
    return enrolment


def rich_lesson_body(word="lesson"):
    """Return a lesson body with a table, a glossary term and a self-check."""
    return [
        *lesson_body(word),
        {
            "type": "glossary_term",
            "value": {"term": "End user", "definition": "Who finally uses an item."},
        },
        {
            "type": "table",
            "value": {
                "caption": "Licences at a glance",
                "header": ["Licence", "Who may use it"],
                "rows": [["Open general", "Any registered exporter"]],
            },
        },
        {
            "type": "self_check",
            "value": {
                "question": "Who may use an open general licence?",
                "choices": ["Only the named applicant", "Any registered exporter"],
                "correct": 1,
                "explanation": "Open general licences are published for anyone "
                "who registers and meets their conditions.",
            },
        },
    ]
