"""Delegates studying a course in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from lms.models import Bookmark, LessonProgress, User
from tests.browser.conftest import assert_accessible
from tests.course_factories import (
    DelegateFactory,
    enrol,
    lessons_of,
    make_course,
    make_lesson,
    rich_lesson_body,
)
from tests.factories import PASSWORD, make_home_page


@pytest.fixture
def course(live_server):
    home = make_home_page()
    course = make_course(home, slug="export-controls", title="Export controls")
    make_lesson(
        lessons_of(course)[0].get_parent(),
        "1-0",
        body=rich_lesson_body("checks"),
    )
    return course


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_a_delegate_studies_bookmarks_and_continues_after_signing_in_again(
    page, live_server, course
):
    delegate = DelegateFactory(email="delegate@example.com")
    enrol(delegate, course)
    sign_in(page, live_server, "delegate@example.com")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Courses"
    ).click()
    page.get_by_role("link", name="Export controls").click()
    expect(page.get_by_role("heading", name="Export controls", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Module 1").click()
    expect(page.get_by_role("heading", name="Module 1", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Lesson 1.1").click()
    expect(page.get_by_role("heading", name="Lesson 1.1", level=1)).to_be_visible()
    assert_accessible(page)
    page.locator("#lesson-end").scroll_into_view_if_needed()
    expect(page.locator("[data-lesson-status]")).to_have_text(
        "You have completed this lesson."
    )
    expect(page.get_by_label("Course progress")).to_have_attribute("value", "14")
    page.get_by_role("link", name="Next: Lesson 1.2").click()
    page.get_by_role("button", name="Bookmark this lesson").click()
    expect(page.get_by_text("Lesson bookmarked.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "delegate@example.com")
    page.goto(live_server.url + course.url)
    page.get_by_role("link", name="Continue where you left off: Lesson 1.2").click()

    expect(page.get_by_role("heading", name="Lesson 1.2", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Remove bookmark")).to_be_visible()
    page.get_by_role("link", name="My training").click()
    bookmarks = page.locator("section#bookmarks")
    expect(bookmarks.get_by_role("link", name="Lesson 1.2")).to_be_visible()
    assert_accessible(page)
    done = LessonProgress.objects.filter(delegate=delegate, completed_at__isnull=False)
    assert list(done.values_list("lesson__title", flat=True)) == ["Lesson 1.1"]
    assert Bookmark.objects.filter(delegate=delegate).count() == 1


def test_a_self_check_answers_back_and_is_never_recorded(page, live_server, course):
    delegate = DelegateFactory(email="delegate@example.com")
    enrol(delegate, course)
    sign_in(page, live_server, "delegate@example.com")
    page.goto(live_server.url + course.url + "module-1/lesson-1-0/")

    page.get_by_label("Only the named applicant").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("Not quite.")).to_be_visible()
    page.get_by_label("Any registered exporter").check()
    page.get_by_role("button", name="Check my answer").click()

    expect(page.get_by_text("Correct.", exact=True)).to_be_visible()
    expect(page.get_by_text("Open general licences are published")).to_be_visible()
    assert_accessible(page)


def test_an_unenrolled_delegate_is_refused_the_lessons_with_a_way_forward(
    page, live_server, course
):
    DelegateFactory(email="outsider@example.com")
    sign_in(page, live_server, "outsider@example.com")

    page.goto(live_server.url + course.url + "module-1/lesson-1-1/")

    expect(
        page.get_by_role("heading", name="You do not have access to this lesson")
    ).to_be_visible()
    expect(page.get_by_text("company manager").first).to_be_visible()
    expect(page.get_by_text("This text explains the topic1x1")).to_have_count(0)
    assert_accessible(page)


def test_the_back_button_after_signing_out_does_not_show_a_lesson(
    page, live_server, course
):
    delegate = DelegateFactory(email="delegate@example.com")
    enrol(delegate, course)
    sign_in(page, live_server, "delegate@example.com")
    lesson = page.goto(live_server.url + course.url + "module-1/lesson-1-1/")
    expect(page.get_by_text("This text explains the topic1x1.")).to_be_visible()
    sign_out(page)

    page.go_back()

    expect(page).to_have_url(re.compile(r"/lesson-1-1/$"))
    expect(
        page.get_by_role("heading", name="You do not have access to this lesson")
    ).to_be_visible()
    expect(page.get_by_text("This text explains the topic1x1.")).to_have_count(0)
    # Browsers keep no copy of a no-store page, in their cache or in the
    # back-forward cache, so "back" has to ask the server again.
    assert "no-store" in lesson.headers["cache-control"]
    assert "private" in lesson.headers["cache-control"]


def test_a_visitor_searches_and_finds_the_course_overview(page, live_server, course):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Search"
    ).click()
    page.get_by_label("Words to look for").fill("Export controls")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name=re.compile("result"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Export controls").click()
    expect(page.get_by_role("heading", name="Export controls", level=1)).to_be_visible()
    expect(
        page.get_by_text("The lessons are for delegates enrolled on the course.")
    ).to_be_visible()
    assert_accessible(page)


def test_an_editors_draft_is_invisible_to_delegates_until_published(
    browser, page, live_server, course
):
    User.objects.create_superuser(
        "editor@credence.example", PASSWORD, first_name="Nia", last_name="Evans"
    )
    delegate = DelegateFactory(email="delegate@example.com")
    enrol(delegate, course)
    lesson = lessons_of(course)[0]
    reader = browser.new_context().new_page()
    sign_in(reader, live_server, "delegate@example.com")

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("editor@credence.example")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.locator("#id_title").fill("Lesson 1.1, revised")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()

    reader.goto(live_server.url + lesson.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Lesson 1.1, revised")
    reader.context.close()
