"""Editors' changes reach delegates only once published, the Wagtail way."""

import datetime
import io
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from lms.models import CourseAccessRule, LessonPage, LessonProgress
from tests.course_factories import (
    DelegateFactory,
    enrol,
    lesson_body,
    lessons_of,
    make_course,
    make_lesson,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(course):
    delegate = DelegateFactory()
    enrol(delegate, course)
    return delegate


@pytest.fixture
def lesson(course):
    return lessons_of(course)[0]


def rewrite(lesson, word):
    lesson.body = lesson_body(word)
    return lesson.save_revision()


def test_a_draft_is_invisible_to_delegates_until_published(client, delegate, lesson):
    client.force_login(delegate)
    revision = rewrite(lesson, "draftword")

    before = client.get(lesson.url).content.decode()
    revision.publish()
    after = client.get(lesson.url).content.decode()

    assert "topic1x1" in before
    assert "draftword" not in before
    assert "draftword" in after


def test_a_new_lesson_saved_as_draft_is_not_served_or_listed(
    client, course, delegate, lesson
):
    draft = make_lesson(lesson.get_parent(), "1-4", live=False)
    client.force_login(delegate)

    response = client.get(lesson.get_parent().url + draft.slug + "/")
    module_page = client.get(lesson.get_parent().url).content.decode()

    assert response.status_code == 404
    assert "Lesson 1.4" not in module_page


def test_a_lesson_in_review_stays_unchanged_until_a_reviewer_approves(
    client, course, delegate, lesson
):
    reviewers = Group.objects.create(name="Reviewers")
    reviewer = UserFactory(is_staff=True, is_superuser=True)
    reviewer.groups.add(reviewers)
    task = GroupApprovalTask.objects.create(name="Review")
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="Course review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=course.get_parent())
    writer = UserFactory(is_staff=True)
    lesson.body = lesson_body("reviewedword")
    lesson.save_revision(user=writer)
    state = lesson.get_workflow().start(lesson, writer)
    client.force_login(delegate)

    in_review = client.get(lesson.url).content.decode()
    state.current_task_state.approve(user=reviewer)
    approved = client.get(lesson.url).content.decode()

    assert lesson.get_workflow() == workflow
    assert "reviewedword" not in in_review
    assert "reviewedword" in approved
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def two_days_on():
    return timezone.now() + datetime.timedelta(days=2)


def test_a_scheduled_lesson_goes_live_only_at_its_time(
    client, course, delegate, lesson
):
    scheduled = make_lesson(lesson.get_parent(), "1-4", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = scheduled.save_revision()
    revision.publish()
    client.force_login(delegate)
    address = lesson.get_parent().url + "lesson-1-4/"

    waiting = client.get(address)
    call_command("publish_scheduled", stdout=io.StringIO())
    still_waiting = client.get(address)
    with mock.patch("django.utils.timezone.now", return_value=two_days_on()):
        call_command("publish_scheduled", stdout=io.StringIO())
    published = client.get(address)

    assert waiting.status_code == 404
    assert still_waiting.status_code == 404
    assert published.status_code == 200
    assert LessonPage.objects.get(pk=scheduled.pk).live


def test_previewing_a_draft_shows_it_without_counting_as_a_visit(lesson):
    rewrite(lesson, "previewword")
    draft = lesson.get_latest_revision_as_object()

    response = draft.make_preview_request()

    assert response.status_code == 200
    assert "previewword" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_editors_can_preview_a_lesson_from_the_admin(client, lesson):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.get(f"/admin/pages/{lesson.pk}/edit/preview/")

    assert response.status_code == 200


def test_editors_open_and_add_every_kind_of_course_page_in_the_admin(
    client, course, lesson
):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    module = lesson.get_parent()
    index = course.get_parent()
    addresses = [
        f"/admin/pages/{page.pk}/edit/" for page in (index, course, module, lesson)
    ] + [
        f"/admin/pages/add/lms/coursepage/{index.pk}/",
        f"/admin/pages/add/lms/modulepage/{course.pk}/",
        f"/admin/pages/add/lms/lessonpage/{module.pk}/",
    ]

    statuses = {address: client.get(address).status_code for address in addresses}

    assert set(statuses.values()) == {200}, statuses


@pytest.mark.parametrize("kind", ["course", "module"])
def test_course_and_module_previews_render(course, lesson, kind):
    page = course if kind == "course" else lesson.get_parent()
    page.title = "Previewed title"

    response = page.make_preview_request()

    assert response.status_code == 200
    assert "Previewed title" in response.content.decode()


def test_an_editor_adds_an_access_rule_to_a_course_in_the_admin(client, course):
    other = make_course(
        course.get_parent().get_parent(), slug="other", title="Other", modules=1
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        f"/admin/pages/{course.pk}/edit/",
        nested_form_data(
            {
                "title": course.title,
                "slug": course.slug,
                "summary": course.summary,
                "level": "foundation",
                "duration_minutes": "90",
                "description": rich_text(""),
                "assessment_title": "",
                "assessment_summary": "",
                "access_rules": inline_formset(
                    [{"trigger": "pass", "target_course": str(other.pk), "days": "60"}]
                ),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    rule = CourseAccessRule.objects.get(source_course=course)
    assert (rule.target_course, rule.trigger, rule.days) == (other, "pass", 60)
