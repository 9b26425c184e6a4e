"""The privacy notice: each published version is a page of its own."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PrivacyIndexPage(Page):
    """The privacy notice's permanent address: shows the notice in force."""

    intro = models.TextField(
        blank=True, help_text="Shown above the list of earlier versions."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["privacy.PrivacyNoticePage"]
    max_count = 1

    def versions(self):
        """Return the published versions, the newest effective date first."""
        return (
            PrivacyNoticePage.objects.child_of(self)
            .live()
            .order_by("-effective_date", "-pk")
        )

    def current_notice(self):
        """Return the version in force today, or None before the first."""
        today = timezone.localdate()
        return self.versions().filter(effective_date__lte=today).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current"] = self.current_notice()
        context["versions"] = self.versions()
        return context


class PrivacyNoticePage(Page):
    """One version of the privacy notice, readable at its own address."""

    version_label = models.CharField(max_length=20, help_text='For example "1.1".')
    effective_date = models.DateField()
    summary = models.TextField(
        blank=True, help_text="A short plain summary shown above the full text."
    )
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("version_label"),
        FieldPanel("effective_date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["privacy.PrivacyIndexPage"]
    subpage_types = []

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version_label"], name="privacy_notice_version_unique"
            )
        ]

    def is_current(self):
        """Return True if this is the version in force today."""
        index = self.get_parent().specific
        current = index.current_notice()
        return current is not None and current.pk == self.pk


def current_privacy_notice():
    """Return the notice in force today, or None if none is published."""
    today = timezone.localdate()
    return (
        PrivacyNoticePage.objects.live()
        .filter(effective_date__lte=today)
        .order_by("-effective_date", "-pk")
        .first()
    )
