"""Time a lesson page for a signed-in delegate against the anonymous home page.

Builds a throwaway SQLite database with a course of 12 lessons and one of
200, then requests each page many times through Django's test client in
this one process, and prints the median time and the number of queries.

Run: .venv/bin/python bench/lesson_page.py [--requests N]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
WORK_DIR = Path(tempfile.mkdtemp(prefix="credence-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / 'bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from home.demo import seed_home_page  # noqa: E402
from lms.models import (  # noqa: E402
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    User,
)

LESSONS_PER_MODULE = 10
BODY = [
    {"type": "heading", "value": "What the lesson covers"},
    {"type": "paragraph", "value": "<p>" + "A sentence of lesson text. " * 60 + "</p>"},
    {"type": "key_point", "value": "A key point to remember."},
    {
        "type": "glossary_term",
        "value": {"term": "Rating", "definition": "Finding the control entry."},
    },
    {
        "type": "table",
        "value": {
            "caption": "A small table",
            "header": ["Column", "Meaning"],
            "rows": [["A", "First"], ["B", "Second"], ["C", "Third"]],
        },
    },
    {
        "type": "self_check",
        "value": {
            "question": "Which is right?",
            "choices": ["This one", "That one", "Neither"],
            "correct": 0,
            "explanation": "Because it is.",
        },
    },
]


def build_course(index, slug, lessons):
    """Return a published course of ``lessons`` lessons, ten to a module."""
    course = index.add_child(
        instance=CoursePage(title=f"Course {slug}", slug=slug, summary="Benchmark.")
    )
    made = []
    for m in range((lessons + LESSONS_PER_MODULE - 1) // LESSONS_PER_MODULE):
        module = course.add_child(
            instance=ModulePage(title=f"Module {m}", slug=f"m{m}", summary="Module.")
        )
        for n in range(min(LESSONS_PER_MODULE, lessons - len(made))):
            made.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Lesson {m}.{n}", slug=f"l{n}", summary="", body=BODY
                    )
                )
            )
    return course, made


def measure(client, address, requests):
    """Return (median ms, queries of one request) for GET ``address``."""
    for _ in range(3):
        assert client.get(address).status_code == 200, address
    with CaptureQueriesContext(connection) as queries:
        client.get(address)
    # Each request clears the query log, so count before the next one.
    query_count = len(queries)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(address)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, address
    return statistics.median(timings), query_count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    home = seed_home_page()
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    delegate = User.objects.create_user(
        "bench@example.com", "bench-passphrase", first_name="B", last_name="D"
    )
    rows = []
    anonymous = Client()
    home_ms, home_queries = measure(anonymous, "/", args.requests)
    rows.append(("home page, anonymous", home_ms, home_queries))
    signed_in = Client()
    signed_in.force_login(delegate)
    for size in (12, 200):
        course, lessons = build_course(index, f"c{size}", size)
        Enrolment.objects.create(delegate=delegate, course=course)
        # Half the course done, so that progress has something to count.
        for lesson in lessons[: size // 2]:
            signed_in.post(f"/training/lessons/{lesson.pk}/done/")
        middle = lessons[size // 2]
        ms, queries = measure(signed_in, middle.url, args.requests)
        rows.append((f"lesson page, {size} lessons, delegate", ms, queries))

    print(f"\nMedian of {args.requests} requests, Django test client, SQLite\n")
    print(f"{'page':<36} {'median ms':>10} {'× home':>7} {'queries':>8}")
    for label, ms, queries in rows:
        print(f"{label:<36} {ms:>10.1f} {ms / home_ms:>7.1f} {queries:>8}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
