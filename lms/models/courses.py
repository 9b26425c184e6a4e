"""Courses: Wagtail pages that credits are bought for."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class CoursePage(Page):
    """A course: its overview page, and the thing credits are bought for."""

    summary = models.TextField(help_text="One or two sentences shown in lists.")

    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        verbose_name = "course"
