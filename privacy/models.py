"""The privacy notice (each published version is a page of its own), the
privacy choices people make, and the audit of identity changes."""

import uuid

from django.conf import settings
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


class IdentityChange(models.Model):
    """One change of a person's first name, family name or email address.

    Entries are the audit of identity changes: they are written once and
    only their review state moves on afterwards.
    """

    class Field(models.TextChoices):
        FIRST_NAME = "first_name", "First name"
        LAST_NAME = "last_name", "Family name"
        EMAIL = "email", "Email address"

    class Route(models.TextChoices):
        DELEGATE = "delegate", "The person themself"
        MANAGER = "manager", "A manager of their organisation"
        PROVIDER = "provider", "The training team"

    class ReviewState(models.TextChoices):
        NEW = "new", "New"
        REVIEWED = "reviewed", "Reviewed"
        ACTIONED = "actioned", "Actioned"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="identity_changes",
        verbose_name="person",
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=254, blank=True)
    new_value = models.CharField(max_length=254, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    route = models.CharField("changed by way of", max_length=20, choices=Route.choices)
    created_at = models.DateTimeField("changed at", default=timezone.now)
    #: Entries written by one update share this, so that a change of both
    #: names counts as one occasion, not two.
    batch = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    #: Why the rename safeguard flagged the change; empty when it passed.
    flag_reasons = models.JSONField(default=list, blank=True)
    flagged = models.BooleanField(default=False)
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.NEW
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["review_state", "flagged", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_field_display()} change {self.pk}"

    def flag_summary(self):
        """Return the safeguard's reasons as one line, or "Passed"."""
        return " ".join(self.flag_reasons) or "Passed"

    flag_summary.short_description = "Rename safeguard"


def _opt_in(label):
    return models.BooleanField(label, default=False)


class PrivacyChoices(models.Model):
    """A person's current privacy choices, each with when it last changed.

    ``ChoiceEvent`` keeps every change, so the history survives here being
    overwritten.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="privacy_choices",
        verbose_name="person",
    )
    #: Version label of the privacy notice the person last accepted.
    notice_version = models.CharField(max_length=20, blank=True)
    notice_accepted_at = models.DateTimeField(null=True, blank=True)
    marketing_updates = _opt_in("updates about services and materials")
    marketing_updates_at = models.DateTimeField(null=True, blank=True)
    marketing_new_content = _opt_in("new content on the site")
    marketing_new_content_at = models.DateTimeField(null=True, blank=True)
    marketing_surveys = _opt_in("feedback surveys")
    marketing_surveys_at = models.DateTimeField(null=True, blank=True)
    marketing_research = _opt_in("statistics and research")
    marketing_research_at = models.DateTimeField(null=True, blank=True)
    #: True leaves the person's results out of anonymised analytics even
    #: when their organisation has opted in.
    analytics_opt_out = models.BooleanField(default=False)
    analytics_opt_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "privacy choices"
        verbose_name_plural = "privacy choices"

    def __str__(self):
        return f"Privacy choices {self.pk}"


class ChoiceEvent(models.Model):
    """One privacy choice made or changed, kept for good."""

    class Choice(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", "Accepted the privacy notice"
        MARKETING_UPDATES = "marketing_updates", "Updates about services and materials"
        MARKETING_NEW_CONTENT = "marketing_new_content", "New content on the site"
        MARKETING_SURVEYS = "marketing_surveys", "Feedback surveys"
        MARKETING_RESEARCH = "marketing_research", "Statistics and research"
        ANALYTICS_OPT_OUT = "analytics_opt_out", "Left out of anonymised analytics"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="privacy_choice_events",
        verbose_name="person",
    )
    choice = models.CharField(max_length=30, choices=Choice.choices)
    #: "yes" or "no", or the version label of an accepted privacy notice.
    value = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        return f"Privacy choice {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Privacy choice events are never changed.")
        super().save(*args, **kwargs)


def privacy_notice_url():
    """Return the privacy notice's permanent address, or an empty string."""
    index = PrivacyIndexPage.objects.live().only("url_path").first()
    if index is None:
        return ""
    return index.get_url()
