"""Course pages as delegates see them: blocks, markup and database cost."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_factories import DocumentFactory, ImageFactory

from lms.blocks import SelfCheckBlock, TableBlock, VideoBlock, video_embed_url
from lms.models import LessonPage
from tests.course_factories import (
    DelegateFactory,
    enrol,
    lessons_of,
    make_course,
    make_lesson,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: The most queries a lesson page may run for a signed-in delegate, whatever
#: the size of the course: routing, session, access, outline and the visit.
LESSON_PAGE_QUERY_LIMIT = 26


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def delegate(course):
    delegate = DelegateFactory()
    enrol(delegate, course)
    return delegate


def rich_lesson_body(image, document):
    return [
        {"type": "heading", "value": "Rating an item"},
        {"type": "paragraph", "value": "<p>Start with the <b>control lists</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt": "A flow chart of the rating steps",
                "caption": "The rating steps",
            },
        },
        {"type": "key_point", "value": "Rate by what the item can do."},
        {
            "type": "glossary_term",
            "value": {"term": "Rating", "definition": "Finding the control entry."},
        },
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Rating in five minutes",
                "transcript": "<p>What the video says.</p>",
            },
        },
        {"type": "document", "value": {"document": document.pk, "label": ""}},
        {
            "type": "table",
            "value": {
                "caption": "Entries",
                "header": ["Entry", "Subject"],
                "rows": [["ML10", "Aircraft"], ["5A002", "Information security"]],
            },
        },
        {
            "type": "self_check",
            "value": {
                "question": "What decides whether an item is controlled?",
                "choices": ["Its customer", "What it can do"],
                "correct": 1,
                "explanation": "Control follows capability.",
            },
        },
    ]


def test_a_lesson_renders_every_block_accessibly(client, course, delegate, media):
    collection = Collection.get_first_root_node()
    image = ImageFactory(collection=collection)
    document = DocumentFactory(title="Rating checklist", collection=collection)
    module = lessons_of(course)[0].get_parent()
    lesson = make_lesson(module, "1-9", body=rich_lesson_body(image, document))
    client.force_login(delegate)

    html = client.get(lesson.url).content.decode()

    assert '<h2 class="lesson-heading">Rating an item</h2>' in html
    assert 'alt="A flow chart of the rating steps"' in html
    assert "<figcaption>The rating steps</figcaption>" in html
    assert '<p class="key-point__label">Key point</p>' in html
    assert "<dfn>Rating</dfn>" in html
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="Video: Rating in five minutes"' in html
    assert ">Rating checklist</a>" in html
    assert '<caption id="table-8-caption">Entries</caption>' in html
    assert '<th scope="col">Subject</th>' in html
    assert "<legend>What decides whether an item is controlled?</legend>" in html
    assert "<p><strong>Answer:</strong> What it can do</p>" in html


def test_lesson_markup_keeps_to_the_strict_content_security_policy(
    client, course, delegate
):
    client.force_login(delegate)

    html = client.get(lessons_of(course)[0].url).content.decode()

    assert " style=" not in html
    assert "<style" not in html
    assert html.count("<script") == html.count("<script src=")


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=4",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
        ("https://example.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("javascript:alert(1)", None),
    ],
)
def test_only_youtube_and_vimeo_videos_are_embedded(url, player):
    assert video_embed_url(url) == player


def test_a_video_from_another_site_is_refused_by_the_editor():
    block = VideoBlock()

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(
            block.to_python({"url": "https://example.com/v/1", "title": "A video"})
        )

    assert "url" in raised.value.block_errors


def test_a_table_row_must_fill_every_column():
    block = TableBlock()
    value = block.to_python(
        {"caption": "C", "header": ["A", "B"], "rows": [["1", "2"], ["3"]]}
    )

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)

    assert "rows" in raised.value.block_errors


def test_a_self_check_answer_must_be_one_of_the_choices():
    block = SelfCheckBlock()
    value = block.to_python(
        {"question": "Q?", "choices": ["A", "B"], "correct": 2, "explanation": "E"}
    )

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)

    assert "correct" in raised.value.block_errors


def test_an_image_without_alternative_text_cannot_be_saved(course, media):
    image = ImageFactory(collection=Collection.get_first_root_node())
    module = lessons_of(course)[0].get_parent()
    lesson = LessonPage(
        title="Pictures",
        slug="pictures",
        body=[{"type": "image", "value": {"image": image.pk, "alt": "  "}}],
    )

    with pytest.raises(ValidationError, match="alternative text"):
        module.add_child(instance=lesson)

    assert not LessonPage.objects.filter(slug="pictures").exists()


def test_the_admin_refuses_to_publish_an_image_without_alternative_text(
    client, course, media
):
    editor = UserFactory(is_staff=True, is_superuser=True)
    image = ImageFactory(collection=Collection.get_first_root_node())
    module = lessons_of(course)[0].get_parent()
    client.force_login(editor)

    def publish(alt):
        return client.post(
            f"/admin/pages/add/lms/lessonpage/{module.pk}/",
            nested_form_data(
                {
                    "title": "Pictures",
                    "slug": "pictures",
                    "summary": "",
                    "body": streamfield(
                        [("image", {"image": str(image.pk), "alt": alt, "caption": ""})]
                    ),
                    "action-publish": "publish",
                }
            ),
        )

    refused = publish("")
    published = publish("A labelled diagram")

    assert refused.status_code == 200
    assert "The page could not be created due to validation errors" in (
        refused.content.decode()
    )
    assert published.status_code == 302
    assert LessonPage.objects.live().filter(slug="pictures").count() == 1


def count_lesson_page_queries(client, lesson):
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(lesson.url)
    assert response.status_code == 200
    return len(queries)


def test_a_lesson_page_costs_the_same_queries_whatever_the_course_size(
    client, home_page, django_assert_max_num_queries
):
    small = make_course(home_page, slug="small", modules=4, lessons_per_module=3)
    large = make_course(home_page, slug="large", modules=20, lessons_per_module=10)
    delegate = DelegateFactory()
    enrol(delegate, small)
    enrol(delegate, large)
    client.force_login(delegate)
    for lesson in lessons_of(large)[:50]:
        client.post(f"/training/lessons/{lesson.pk}/done/")
    # First, inside, first of a module and last: the neighbours differ.
    small_lessons = [lessons_of(small)[i] for i in (0, 4, 6, 11)]
    large_lessons = [lessons_of(large)[i] for i in (0, 104, 110, 199)]

    small_counts = {count_lesson_page_queries(client, x) for x in small_lessons}
    large_counts = {count_lesson_page_queries(client, x) for x in large_lessons}

    assert len(lessons_of(small)) == 12
    assert len(lessons_of(large)) == 200
    assert small_counts == large_counts
    assert len(small_counts) == 1
    with django_assert_max_num_queries(LESSON_PAGE_QUERY_LIMIT):
        client.get(large_lessons[1].url)
