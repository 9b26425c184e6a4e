"""Search over course content, limited to what the searcher may read."""

from wagtail.models import Page

from lms.courses.access import readable_pages_q
from lms.models import CoursePage, LessonPage, ModulePage

#: Longer queries are cut here; nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200


def clean_query(text):
    """Return the search words a person typed, trimmed to a sane length."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search_course_content(user, text):
    """Return the published course pages matching ``text`` that ``user`` may
    read: every course overview, and the modules and lessons of the courses
    open to them."""
    text = clean_query(text)
    if not text:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .type(CoursePage, ModulePage, LessonPage)
        .filter(readable_pages_q(user))
    )
    return pages.specific().search(text)


def courses_of(pages):
    """Return {page id: its course} for course, module and lesson pages."""
    paths = {
        page.path[:length]
        for page in pages
        for length in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(path__in=paths).only(
            "title", "path", "url_path", "depth"
        )
    }
    found = {}
    for page in pages:
        for path, course in courses.items():
            if page.path.startswith(path):
                found[page.pk] = course
    return found
