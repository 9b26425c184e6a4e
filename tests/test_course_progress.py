"""Progress through lessons, continuing where one left off, and bookmarks."""

import pytest
from django.test import Client
from django.urls import reverse

from lms.courses import progress
from lms.models import Bookmark, LessonProgress
from tests.course_factories import DelegateFactory, enrol, lessons_of, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(course):
    delegate = DelegateFactory()
    enrol(delegate, course)
    return delegate


@pytest.fixture
def lessons(course):
    return lessons_of(course)


def done_url(lesson):
    return reverse("lms:lesson_done", args=[lesson.pk])


def bookmark_url(lesson):
    return reverse("lms:lesson_bookmark", args=[lesson.pk])


def test_opening_a_lesson_records_the_visit_but_not_completion(
    client, delegate, lessons
):
    client.force_login(delegate)

    client.get(lessons[0].url)

    record = LessonProgress.objects.get(delegate=delegate, lesson=lessons[0])
    assert record.last_viewed_at is not None
    assert record.completed_at is None


def test_marking_a_lesson_done_counts_it_and_returns_to_the_lesson(
    client, delegate, lessons
):
    client.force_login(delegate)

    response = client.post(done_url(lessons[0]), {"how": "marked"}, follow=True)

    record = LessonProgress.objects.get(delegate=delegate, lesson=lessons[0])
    assert record.completed_at is not None
    assert record.completion == LessonProgress.Completion.MARKED
    assert response.redirect_chain[-1][0] == lessons[0].url
    assert b"Lesson marked as done." in response.content
    assert b"You have completed this lesson." in response.content


def test_reaching_the_end_counts_the_lesson_and_answers_in_json(
    client, delegate, lessons
):
    client.force_login(delegate)

    response = client.post(
        done_url(lessons[0]),
        {"how": "reached_end"},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json() == {"done": True, "module_percent": 33, "course_percent": 16}
    assert "no-store" in response["Cache-Control"]
    record = LessonProgress.objects.get(delegate=delegate, lesson=lessons[0])
    assert record.completion == LessonProgress.Completion.REACHED_END


def test_completing_twice_keeps_the_first_completion(delegate, lessons):
    progress.mark_lesson_done(delegate, lessons[0])
    first = LessonProgress.objects.get(delegate=delegate, lesson=lessons[0])

    again = progress.mark_lesson_done(
        delegate, lessons[0], completion=LessonProgress.Completion.REACHED_END
    )

    second = LessonProgress.objects.get(delegate=delegate, lesson=lessons[0])
    assert again is False
    assert second.completed_at == first.completed_at
    assert second.completion == LessonProgress.Completion.MARKED


def test_a_lesson_page_offers_to_count_its_end_only_until_done(
    client, delegate, lessons
):
    client.force_login(delegate)

    before = client.get(lessons[0].url).content.decode()
    progress.mark_lesson_done(delegate, lessons[0])
    after = client.get(lessons[0].url).content.decode()

    assert "data-lesson-end" in before
    assert "Mark as done" in before
    assert "data-lesson-end" not in after
    assert "Mark as done" not in after


def test_module_and_course_percentages_count_done_lessons(course, delegate, lessons):
    for lesson in lessons[:2]:
        progress.mark_lesson_done(delegate, lesson)

    outline = progress.course_outline(delegate, course)

    assert [item.percent for item in outline.modules] == [66, 0]
    assert (outline.done, outline.total, outline.percent) == (2, 6, 33)


def test_a_finished_course_is_a_hundred_percent(course, delegate, lessons):
    for lesson in lessons:
        progress.mark_lesson_done(delegate, lesson)

    outline = progress.course_outline(delegate, course)

    assert outline.percent == 100
    assert [item.percent for item in outline.modules] == [100, 100]


def test_unpublished_lessons_and_modules_do_not_count(course, delegate, lessons):
    progress.mark_lesson_done(delegate, lessons[0])
    lessons[1].unpublish()
    lessons[3].get_parent().unpublish()

    outline = progress.course_outline(delegate, course)

    assert (outline.done, outline.total, outline.percent) == (1, 2, 50)
    assert len(outline.modules) == 1


def test_progress_is_personal(course, delegate, lessons):
    colleague = DelegateFactory(organisation=delegate.organisation)
    enrol(colleague, course)

    progress.mark_lesson_done(delegate, lessons[0])

    assert progress.course_outline(colleague, course).done == 0
    assert progress.course_outline(delegate, course).done == 1


def test_the_course_page_continues_where_the_delegate_left_off(
    client, course, delegate, lessons
):
    client.force_login(delegate)
    client.get(lessons[4].url)
    client.get(lessons[1].url)

    response = client.get(course.url)

    assert progress.continue_lesson(delegate, course) == lessons[1]
    assert b"Continue where you left off: Lesson 1.2" in response.content


def test_a_delegate_who_has_not_started_is_offered_the_first_lesson(
    client, course, delegate
):
    client.force_login(delegate)

    response = client.get(course.url)

    assert b"Start the first lesson: Lesson 1.1" in response.content


def test_the_next_lesson_crosses_into_the_next_module(client, delegate, lessons):
    client.force_login(delegate)

    last_of_first_module = client.get(lessons[2].url).content.decode()
    first_of_second_module = client.get(lessons[3].url).content.decode()

    assert f'href="{lessons[3].url}" rel="next"' in last_of_first_module
    assert f'href="{lessons[2].url}" rel="prev"' in first_of_second_module


def test_a_delegate_bookmarks_a_lesson_and_finds_it_on_their_training_page(
    client, course, delegate, lessons
):
    client.force_login(delegate)

    client.post(bookmark_url(lessons[4]), {"action": "add"})
    page = client.get(reverse("lms:training_history")).content.decode()

    assert Bookmark.objects.filter(delegate=delegate, lesson=lessons[4]).exists()
    bookmarks = page[page.index('id="bookmarks-heading"') :]
    assert f'<a href="{lessons[4].url}">Lesson 2.2</a>' in bookmarks
    assert "in Export controls" in bookmarks
    assert "Remove bookmark" in client.get(lessons[4].url).content.decode()


def test_bookmarking_twice_keeps_one_bookmark(client, delegate, lessons):
    client.force_login(delegate)

    client.post(bookmark_url(lessons[0]), {"action": "add"})
    client.post(bookmark_url(lessons[0]), {"action": "add"})

    assert Bookmark.objects.filter(delegate=delegate).count() == 1


def test_a_bookmark_is_removed_from_the_training_page(client, delegate, lessons):
    progress.add_bookmark(delegate, lessons[0])
    client.force_login(delegate)
    history = reverse("lms:training_history")

    response = client.post(
        bookmark_url(lessons[0]), {"action": "remove", "next": history + "#bookmarks"}
    )

    assert response.status_code == 302
    assert response["Location"] == history + "#bookmarks"
    assert not Bookmark.objects.filter(delegate=delegate).exists()


def test_removing_a_bookmark_never_redirects_off_the_site(client, delegate, lessons):
    progress.add_bookmark(delegate, lessons[0])
    client.force_login(delegate)

    response = client.post(
        bookmark_url(lessons[0]),
        {"action": "remove", "next": "https://evil.example/"},
    )

    assert response["Location"] == lessons[0].url


def test_a_lesson_the_person_cannot_read_cannot_be_bookmarked_or_done(client, lessons):
    outsider = DelegateFactory()
    client.force_login(outsider)

    bookmark = client.post(bookmark_url(lessons[0]), {"action": "add"})
    done = client.post(done_url(lessons[0]))
    done_json = client.post(
        done_url(lessons[0]), headers={"accept": "application/json"}
    )

    assert bookmark.status_code == 403
    assert done.status_code == 403
    assert done_json.status_code == 403
    assert b"topic1x1" not in bookmark.content
    assert not Bookmark.objects.exists()
    assert not LessonProgress.objects.exists()


def test_signed_out_visitors_cannot_record_progress(client, lessons):
    response = client.post(done_url(lessons[0]))

    assert response.status_code == 403
    assert b"Sign in" in response.content
    assert not LessonProgress.objects.exists()


def test_unknown_or_unpublished_lessons_are_not_found(client, delegate, lessons):
    client.force_login(delegate)
    lessons[1].unpublish()

    unknown = client.post(reverse("lms:lesson_done", args=[987654]))
    unpublished = client.post(bookmark_url(lessons[1]), {"action": "add"})

    assert unknown.status_code == 404
    assert unpublished.status_code == 404
    assert not Bookmark.objects.exists()


def test_an_unknown_bookmark_action_is_refused(client, delegate, lessons):
    client.force_login(delegate)

    response = client.post(bookmark_url(lessons[0]), {"action": "delete-all"})

    assert response.status_code == 404
    assert not Bookmark.objects.exists()


def test_progress_endpoints_accept_only_post(client, delegate, lessons):
    client.force_login(delegate)

    assert client.get(done_url(lessons[0])).status_code == 405
    assert client.get(bookmark_url(lessons[0])).status_code == 405
    assert not LessonProgress.objects.exists()


def test_posts_without_a_csrf_token_are_refused(delegate, lessons):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(delegate)

    response = strict.post(done_url(lessons[0]))

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_the_training_page_needs_a_signed_in_person(client, db):
    response = client.get(reverse("lms:training_history"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_training_page_lists_courses_with_progress(client, course, delegate):
    lesson = lessons_of(course)[0]
    progress.mark_lesson_done(delegate, lesson)
    client.force_login(delegate)
    client.get(lesson.url)

    response = client.get(reverse("lms:training_history"))

    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "1 of 6 lessons done." in html
    assert "Continue where you left off: Lesson 1.1" in html


def test_a_bookmark_on_a_closed_course_stays_listed_without_a_link(
    client, course, lessons
):
    delegate = DelegateFactory()
    enrolment = enrol(delegate, course)
    progress.add_bookmark(delegate, lessons[0])
    enrolment.delete()
    client.force_login(delegate)

    html = client.get(reverse("lms:training_history")).content.decode()

    assert "your access to this course has ended" in html
    assert f'<a href="{lessons[0].url}">' not in html


def test_a_new_lesson_lowers_the_percentage(course, delegate, lessons):
    for lesson in lessons[:3]:
        progress.mark_lesson_done(delegate, lesson)

    make_lesson(lessons[0].get_parent(), "1-4")

    assert progress.course_outline(delegate, course).modules[0].percent == 75
