"""Search over course content, limited to what the searcher may read."""

import re

from wagtail.models import Page

from lms.courses.access import readable_pages_q
from lms.models import CoursePage, LessonPage, ModulePage

#: Longer queries are cut here; nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
#: Only runs of letters and digits reach the search backend: quotes, minus
#: signs and upper-case AND, OR and NOT mean something to full-text engines.
_WORD = re.compile(r"\w+")
MAX_TERMS = 20


def clean_query(text):
    """Return the search words a person typed, trimmed to a sane length."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search_terms(text):
    """Return the lower-cased words of ``text`` that a search looks for."""
    return [word.lower() for word in _WORD.findall(clean_query(text))][:MAX_TERMS]


def search_course_content(user, text):
    """Return the published course pages matching ``text`` that ``user`` may
    read: every course overview, and the modules and lessons of the courses
    open to them."""
    terms = search_terms(text)
    if not terms:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .type(CoursePage, ModulePage, LessonPage)
        .filter(readable_pages_q(user))
    )
    return pages.specific().search(" ".join(terms), operator="and")


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
