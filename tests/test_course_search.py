"""Search over course content returns only what the searcher may read."""

import pytest
from django.urls import reverse

from lms.courses.search import (
    MAX_QUERY_LENGTH,
    clean_query,
    search_course_content,
    search_terms,
)
from lms.models import CourseAccessRule
from tests.course_factories import DelegateFactory, enrol, lessons_of, make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(home_page):
    first = make_course(home_page, slug="first", title="Export basics")
    second = make_course(
        home_page, slug="second", title="Technology transfers", modules=1
    )
    return first, second


def titles(user, text):
    return sorted(page.title for page in search_course_content(user, text))


def test_anyone_finds_course_overviews(client, courses):
    response = client.get(reverse("lms:search"), {"q": "Technology transfers"})

    assert response.status_code == 200
    assert b"Technology transfers</a>" in response.content
    assert titles(None, "covers") == ["Export basics", "Technology transfers"]


def test_lessons_are_hidden_from_those_not_enrolled(client, courses):
    client.force_login(DelegateFactory())

    response = client.get(reverse("lms:search"), {"q": "topic1x2"})

    assert b"No results for" in response.content
    assert b"Lesson 1.2" not in response.content


def test_an_enrolled_delegate_finds_lessons_by_their_body_text(client, courses):
    first, second = courses
    delegate = DelegateFactory()
    enrol(delegate, first)
    client.force_login(delegate)

    response = client.get(reverse("lms:search"), {"q": "topic1x2"})

    html = response.content.decode()
    assert f'<a href="{lessons_of(first)[1].url}">Lesson 1.2</a>' in html
    assert "Lesson in Export basics" in html
    assert lessons_of(second)[1].url not in html
    assert "no-store" in response["Cache-Control"]


def test_a_course_opened_by_a_rule_is_searchable_while_open(courses):
    first, second = courses
    CourseAccessRule.objects.create(
        source_course=first,
        target_course=second,
        trigger=CourseAccessRule.Trigger.ENROL,
        days=10,
    )
    opened = DelegateFactory()
    enrol(opened, first, days_ago=2)
    lapsed = DelegateFactory()
    enrol(lapsed, first, days_ago=20)

    assert titles(opened, "topic1x3") == ["Lesson 1.3", "Lesson 1.3"]
    assert titles(lapsed, "topic1x3") == ["Lesson 1.3"]


def test_staff_find_every_lesson(courses):
    staff = UserFactory(is_staff=True)

    assert titles(staff, "topic1x1") == ["Lesson 1.1", "Lesson 1.1"]


def test_unpublished_lessons_and_drafts_are_not_found(courses):
    first, _second = courses
    staff = UserFactory(is_staff=True)
    lessons = lessons_of(first)
    lessons[0].unpublish()
    draft = lessons[1]
    draft.title = "Secret draft title"
    draft.save_revision()

    assert titles(staff, "topic1x1") == ["Lesson 1.1"]
    assert titles(staff, "Secret") == []


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "AND OR NOT", "*", "topic1x1 -(", "' OR 1=1 --", "x" * 5000],
)
def test_awkward_queries_answer_without_error(client, courses, text):
    response = client.get(reverse("lms:search"), {"q": text})

    assert response.status_code == 200


def test_an_empty_search_shows_just_the_form(client, courses):
    response = client.get(reverse("lms:search"), {"q": "   "})

    assert response.status_code == 200
    assert b"result" not in response.content.lower().split(b"<main")[1]


def test_long_queries_are_cut_short():
    assert len(clean_query("word " * 500)) == MAX_QUERY_LENGTH
    assert search_terms('"Rating" AND -licence') == ["rating", "and", "licence"]
