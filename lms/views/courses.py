"""Pages of the courses: serving, context, progress, bookmarks and search.

Course, module and lesson pages are Wagtail pages; their ``serve`` and
``get_context`` call into this module, which turns the operations of
``lms.courses`` into responses.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from lms.courses import progress
from lms.courses.access import LessonAccessDenied, course_access
from lms.courses.search import clean_query, courses_of, search_course_content
from lms.models import CourseIndexPage, LessonPage, LessonProgress

RESULTS_PER_PAGE = 20


def make_private(response, *, personal=True):
    """Keep a response out of shared caches and the browser's history cache.

    ``Vary: Cookie`` is always added, so that a cache never serves one
    person's page to another; ``private, no-store`` only when ``personal``.
    """
    patch_vary_headers(response, ["Cookie"])
    if personal:
        patch_cache_control(
            response,
            private=True,
            no_store=True,
            no_cache=True,
            must_revalidate=True,
            max_age=0,
        )
    return response


def _access_for(request, course):
    """Return the user's access to ``course``, checked once a request."""
    cached = getattr(request, "_course_access", None)
    if cached is not None and cached[0] == course.pk:
        return cached[1]
    access = course_access(request.user, course)
    request._course_access = (course.pk, access)
    return access


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _course_index_url(request):
    index = CourseIndexPage.objects.live().first()
    return index.get_url(request) if index else "/"


def _login_url(request):
    query = QueryDict(mutable=True)
    query["next"] = request.get_full_path()
    return reverse("login") + "?" + query.urlencode(safe="/")


def access_refused(request, course, page, access):
    """Render the page that explains how to get access to a course."""
    response = TemplateResponse(
        request,
        "lms/access_refused.html",
        {
            "course": course,
            "refused_page": page,
            "kind": page._meta.verbose_name,
            "access": access,
            "login_url": _login_url(request),
        },
        status=403,
    )
    return make_private(response)


def serve_restricted_page(page, request, serve):
    """Serve a module or lesson page to those who may read it.

    Everyone else gets the access page instead. Either way the response is
    private and not stored, so the back button after signing out cannot
    bring the page back.
    """
    course, _module = page.get_course_and_module()
    access = _access_for(request, course)
    if not access.allowed:
        return access_refused(request, course, page, access)
    if isinstance(page, LessonPage) and request.method == "GET":
        progress.record_lesson_view(request.user, page, access=access)
    return make_private(serve(request))


def course_overview_context(request, course):
    """Return what a course's overview shows the person reading it."""
    access = _access_for(request, course)
    user = request.user if access.allowed else None
    outline = progress.course_outline(user, course)
    context = {
        "access": access,
        "outline": outline,
        "rules": course.access_rules.select_related("target_course").filter(
            target_course__live=True
        ),
    }
    if access.allowed:
        context["continue_with"] = progress.continue_lesson(request.user, course)
        if context["continue_with"] is None:
            first = next((item for item in outline.modules if item.total), None)
            context["start_with"] = (
                progress.first_lesson(first.module) if first else None
            )
    return context


def module_context(request, module):
    """Return what a module page shows: its lessons and the progress."""
    course, _module = module.get_course_and_module()
    lessons = progress.module_lessons(request.user, module)
    done = sum(1 for lesson in lessons if getattr(lesson, "is_done", False))
    return {
        "course": course,
        "access": _access_for(request, course),
        "lessons": lessons,
        "module_done": done,
        "module_percent": progress.percent(done, len(lessons)),
    }


def lesson_context(request, lesson):
    """Return what a lesson page shows around the lesson's own content."""
    course, module = lesson.get_course_and_module()
    user = request.user
    outline = progress.course_outline(user, course)
    lessons = progress.module_lessons(user, module)
    current = next((item for item in lessons if item.pk == lesson.pk), None)
    if current is not None:
        done = getattr(current, "is_done", False)
        bookmarked = getattr(current, "is_bookmarked", False)
    else:
        done, bookmarked = progress.lesson_state(user, lesson)
    previous, following = progress.neighbours(lesson, outline)
    module_at = outline.module_index(module)
    return {
        "course": course,
        "module": module,
        "access": _access_for(request, course),
        "outline": outline,
        "module_progress": outline.modules[module_at]
        if module_at is not None
        else None,
        "lessons": lessons,
        "position": lessons.index(current) + 1 if current is not None else None,
        "is_done": done,
        "is_bookmarked": bookmarked,
        "previous_lesson": previous,
        "next_lesson": following,
        "is_preview": getattr(request, "is_preview", False),
    }


def _live_lesson(lesson_id):
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


def _back_to(request, lesson):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(lesson.get_url(request))


def _refuse(request, lesson):
    course, _module = lesson.get_course_and_module()
    access = course_access(request.user, course)
    if _wants_json(request):
        return make_private(
            JsonResponse(
                {"error": "You do not have access to this lesson."}, status=403
            )
        )
    return access_refused(request, course, lesson, access)


@require_POST
def lesson_done(request, lesson_id):
    """Count a lesson as done, from its button or from reaching its end."""
    lesson = _live_lesson(lesson_id)
    completion = (
        LessonProgress.Completion.REACHED_END
        if request.POST.get("how") == "reached_end"
        else LessonProgress.Completion.MARKED
    )
    try:
        progress.mark_lesson_done(request.user, lesson, completion=completion)
    except LessonAccessDenied:
        return _refuse(request, lesson)
    if _wants_json(request):
        course, module = lesson.get_course_and_module()
        outline = progress.course_outline(request.user, course)
        module_at = outline.module_index(module)
        return make_private(
            JsonResponse(
                {
                    "done": True,
                    "module_percent": outline.modules[module_at].percent
                    if module_at is not None
                    else 0,
                    "course_percent": outline.percent,
                }
            )
        )
    messages.success(request, "Lesson marked as done.")
    return _back_to(request, lesson)


@require_POST
def lesson_bookmark(request, lesson_id):
    """Add or remove a bookmark on a lesson."""
    lesson = _live_lesson(lesson_id)
    action = request.POST.get("action")
    if action == "remove":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        progress.remove_bookmark(request.user, lesson)
        messages.success(request, "Bookmark removed.")
        return _back_to(request, lesson)
    if action != "add":
        raise Http404("Unknown bookmark action.")
    try:
        progress.add_bookmark(request.user, lesson)
    except LessonAccessDenied:
        return _refuse(request, lesson)
    messages.success(request, "Lesson bookmarked. Find it again under My training.")
    return _back_to(request, lesson)


@require_safe
def search(request):
    """Search the course content the person may read."""
    query = clean_query(request.GET.get("q", ""))
    results = search_course_content(request.user, query)
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    found = list(page_of_results.object_list)
    course_by_page = courses_of(found)
    for result in found:
        result.course_page = course_by_page.get(result.pk)
    response = TemplateResponse(
        request,
        "lms/search.html",
        {
            "query": query,
            "results": found,
            "result_page": page_of_results,
            "course_index_url": _course_index_url(request),
        },
    )
    return make_private(response, personal=request.user.is_authenticated)
