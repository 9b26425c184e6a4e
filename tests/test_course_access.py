"""Who may read a course's modules and lessons, and what others are told."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.courses.access import CourseAccess, course_access, readable_course_ids
from lms.models import CourseAccessRule
from tests.course_factories import (
    DelegateFactory,
    OrganisationFactory,
    enrol,
    lessons_of,
    make_course,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LESSON = "/courses/course/module-1/lesson-1-2/"
MODULE = "/courses/course/module-1/"
OVERVIEW = "/courses/course/"


@pytest.fixture
def second_course(home_page, course):
    return make_course(
        home_page, slug="follow-on", title="Follow-on", modules=1, lessons_per_module=1
    )


def add_rule(source, target, trigger, days):
    return CourseAccessRule.objects.create(
        source_course=source, target_course=target, trigger=trigger, days=days
    )


def test_anyone_may_read_a_course_overview(client, course):
    response = client.get(OVERVIEW)

    assert response.status_code == 200
    assert b"Module 1" in response.content
    assert b"Sign in</a> to study it" in response.content


def test_a_signed_out_visitor_is_asked_to_sign_in_for_a_lesson(client, course):
    response = client.get(LESSON)

    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to this lesson" in html
    assert f'href="/accounts/login/?next={LESSON}"' in html
    assert "topic1x2" not in html


def test_an_unenrolled_delegate_is_told_how_to_get_access(client, course):
    client.force_login(DelegateFactory())

    lesson = client.get(LESSON)
    module = client.get(MODULE)

    assert lesson.status_code == 403
    assert b"company manager" in lesson.content
    assert b"topic1x2" not in lesson.content
    assert module.status_code == 403
    assert b"You do not have access to this module" in module.content


def test_an_enrolled_delegate_reads_modules_and_lessons(client, course):
    delegate = DelegateFactory()
    enrol(delegate, course)
    client.force_login(delegate)

    lesson = client.get(LESSON)
    module = client.get(MODULE)

    assert lesson.status_code == 200
    assert b"topic1x2" in lesson.content
    assert module.status_code == 200
    assert course_access(delegate, course).reason == CourseAccess.ENROLLED


def test_an_enrolment_in_another_organisation_opens_nothing_for_this_one(
    client, course
):
    rival = DelegateFactory(organisation=OrganisationFactory())
    enrol(rival, course)
    delegate = DelegateFactory(organisation=OrganisationFactory())
    client.force_login(delegate)

    response = client.get(LESSON)

    assert response.status_code == 403
    assert course_access(delegate, course).allowed is False
    assert course_access(rival, course).allowed is True


def test_an_enrolment_on_one_course_does_not_open_another(client, second_course):
    course = second_course.get_parent().get_children().first().specific
    delegate = DelegateFactory()
    enrol(delegate, second_course)
    client.force_login(delegate)

    response = client.get(LESSON)

    assert response.status_code == 403
    assert readable_course_ids(delegate) == {second_course.pk}
    assert course_access(delegate, course).allowed is False


def test_the_providers_staff_read_every_course(client, course):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get(LESSON)

    assert response.status_code == 200
    assert course_access(staff, course).reason == CourseAccess.STAFF
    assert readable_course_ids(staff) is None


@pytest.mark.parametrize(
    "change",
    [{"is_active": False}, {"disabled_at": timezone.now()}],
    ids=["deactivated", "disabled"],
)
def test_a_disabled_account_loses_access_even_when_enrolled(course, change):
    delegate = DelegateFactory()
    enrol(delegate, course)

    for name, value in change.items():
        setattr(delegate, name, value)
    delegate.save()

    assert course_access(delegate, course).allowed is False
    assert readable_course_ids(delegate) == set()


def test_enrolling_on_a_course_opens_another_for_the_rules_days(course, second_course):
    add_rule(second_course, course, CourseAccessRule.Trigger.ENROL, 30)
    delegate = DelegateFactory()
    enrolment = enrol(delegate, second_course, days_ago=10)

    inside = course_access(delegate, course)
    at_the_end = course_access(
        delegate, course, now=enrolment.enrolled_at + datetime.timedelta(days=30)
    )

    assert inside.reason == CourseAccess.RULE
    assert inside.until == enrolment.enrolled_at + datetime.timedelta(days=30)
    assert inside.via_course_title == "Follow-on"
    assert at_the_end.reason == CourseAccess.EXPIRED
    assert course.pk in readable_course_ids(delegate)


def test_access_through_a_rule_ends_after_its_days(client, course, second_course):
    add_rule(second_course, course, CourseAccessRule.Trigger.ENROL, 30)
    delegate = DelegateFactory()
    enrol(delegate, second_course, days_ago=31)
    client.force_login(delegate)

    response = client.get(LESSON)

    assert response.status_code == 403
    assert b"Your access to this course" in response.content
    assert course_access(delegate, course).reason == CourseAccess.EXPIRED
    assert course.pk not in readable_course_ids(delegate)


def test_passing_a_course_opens_another_from_the_pass_date(course, second_course):
    add_rule(course, second_course, CourseAccessRule.Trigger.PASS, 90)
    passed = DelegateFactory()
    enrol(passed, course, days_ago=200, passed=True, completed_days_ago=89)
    lapsed = DelegateFactory()
    enrol(lapsed, course, days_ago=200, passed=True, completed_days_ago=91)
    failed = DelegateFactory()
    enrol(failed, course, passed=False)
    studying = DelegateFactory()
    enrol(studying, course)

    assert course_access(passed, second_course).reason == CourseAccess.RULE
    assert course_access(lapsed, second_course).reason == CourseAccess.EXPIRED
    assert course_access(failed, second_course).reason == CourseAccess.NONE
    assert course_access(studying, second_course).reason == CourseAccess.NONE


def test_a_rule_opens_the_lessons_and_says_until_when(client, course, second_course):
    add_rule(second_course, course, CourseAccessRule.Trigger.ENROL, 30)
    delegate = DelegateFactory()
    enrol(delegate, second_course)
    client.force_login(delegate)

    lesson = client.get(LESSON)
    overview = client.get(OVERVIEW)

    assert lesson.status_code == 200
    assert b"You can read this course's lessons until" in overview.content


def test_a_course_cannot_open_itself(course):
    rule = CourseAccessRule(
        source_course=course,
        target_course=course,
        trigger=CourseAccessRule.Trigger.ENROL,
        days=5,
    )

    with pytest.raises(ValidationError, match="cannot open itself"):
        rule.full_clean()


@pytest.mark.parametrize("enrolled", [True, False])
def test_module_and_lesson_pages_are_never_stored_by_shared_caches(
    client, course, enrolled
):
    delegate = DelegateFactory()
    if enrolled:
        enrol(delegate, course)
    client.force_login(delegate)

    for address in (MODULE, LESSON):
        response = client.get(address)
        cache_control = response["Cache-Control"]
        assert "private" in cache_control, address
        assert "no-store" in cache_control, address
        assert "Cookie" in response["Vary"], address


def test_a_signed_out_lesson_request_is_not_cacheable_either(client, course):
    response = client.get(LESSON)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_public_overview_may_be_cached_but_varies_by_cookie(client, course):
    response = client.get(OVERVIEW)

    assert "no-store" not in response.get("Cache-Control", "")
    assert "Cookie" in response["Vary"]


def test_a_signed_in_overview_is_personal_and_not_stored(client, course):
    client.force_login(DelegateFactory())

    response = client.get(OVERVIEW)

    assert "no-store" in response["Cache-Control"]


def test_unpublished_lessons_are_not_found_even_by_the_enrolled(client, course):
    delegate = DelegateFactory()
    enrol(delegate, course)
    lesson = lessons_of(course)[1]
    lesson.unpublish()
    client.force_login(delegate)

    response = client.get(LESSON)

    assert response.status_code == 404
