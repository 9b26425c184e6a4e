"""The landing page."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page, edited in the Wagtail admin."""

    strapline = models.CharField(max_length=200, blank=True)
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("strapline"),
        FieldPanel("intro"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
