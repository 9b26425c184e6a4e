"""Addresses of the training service's own views (pages are Wagtail's)."""

from django.urls import path

from lms.views import courses

app_name = "lms"

urlpatterns = [
    path("training/", courses.training_history, name="training_history"),
    path(
        "training/lessons/<int:lesson_id>/done/",
        courses.lesson_done,
        name="lesson_done",
    ),
    path(
        "training/lessons/<int:lesson_id>/bookmark/",
        courses.lesson_bookmark,
        name="lesson_bookmark",
    ),
    path("search/", courses.search, name="search"),
]
