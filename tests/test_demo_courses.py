"""The demo courses that ``seed_demo`` loads."""

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowState

from lms.demo_courses import DRAFT_LESSON, IN_REVIEW_LESSON, WORKFLOW_NAME
from lms.models import (
    CourseAccessRule,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=_Quiet())
    return CourseIndexPage.objects.get()


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def test_the_foundation_course_has_four_modules_and_twelve_lessons_or_more(seeded):
    foundation = CoursePage.objects.get(slug="uk-export-controls-foundation")

    modules = ModulePage.objects.child_of(foundation).live()
    lessons = LessonPage.objects.descendant_of(foundation).live()

    assert modules.count() >= 4
    assert lessons.count() >= 12
    assert foundation.level == CoursePage.Level.FOUNDATION
    assert foundation.assessment_title


def test_a_shorter_course_at_another_level_is_opened_by_an_access_rule(seeded):
    foundation = CoursePage.objects.get(slug="uk-export-controls-foundation")
    follow_on = CoursePage.objects.exclude(pk=foundation.pk).get()

    follow_on_lessons = LessonPage.objects.descendant_of(follow_on).count()

    assert follow_on.level != foundation.level
    assert follow_on_lessons < LessonPage.objects.descendant_of(foundation).count()
    assert CourseAccessRule.objects.filter(
        source_course=foundation, target_course=follow_on
    ).exists()


def test_every_demo_lesson_holds_a_self_check_and_a_key_point(seeded):
    for lesson in LessonPage.objects.live():
        kinds = {block.block_type for block in lesson.body}
        assert {"self_check", "key_point", "paragraph"} <= kinds, lesson.slug


def test_the_demo_shows_a_draft_and_a_lesson_in_review(seeded):
    draft = LessonPage.objects.get(slug=DRAFT_LESSON)
    in_review = LessonPage.objects.get(slug=IN_REVIEW_LESSON)

    assert draft.has_unpublished_changes
    assert in_review.get_workflow().name == WORKFLOW_NAME
    assert WorkflowState.objects.filter(
        object_id=str(in_review.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_seeding_twice_changes_nothing(seeded):
    counts = (
        LessonPage.objects.count(),
        CourseAccessRule.objects.count(),
        WorkflowState.objects.count(),
        LessonPage.objects.get(slug=DRAFT_LESSON).revisions.count(),
    )

    call_command("seed_demo", stdout=_Quiet())

    assert counts == (
        LessonPage.objects.count(),
        CourseAccessRule.objects.count(),
        WorkflowState.objects.count(),
        LessonPage.objects.get(slug=DRAFT_LESSON).revisions.count(),
    )
