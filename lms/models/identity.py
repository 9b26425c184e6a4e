"""Changes to a person's identity details that wait for somebody: a
delegate's request to their managers, and a new email address waiting for
its owner to confirm it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ChangeRequest(models.Model):
    """A locked delegate's request to change their details, for their
    organisation's managers to approve or reject."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a manager"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    title = models.CharField(max_length=10, blank=True)
    first_name = models.CharField("first name", max_length=100)
    last_name = models.CharField("family name", max_length=100)
    email = models.EmailField("email address", max_length=254)
    #: Why the person asks, in their own words, for the managers.
    reason = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The manager's reason, required when rejecting.
    decision_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="lms_change_request_one_pending",
            )
        ]

    def __str__(self):
        return f"Change request {self.pk}"

    def requested_changes(self):
        """Return (label, current value, requested value) for each field
        the request would change."""
        person = self.person
        rows = []
        for field, label in (
            ("title", "Title"),
            ("first_name", "First name"),
            ("last_name", "Family name"),
            ("email", "Email address"),
        ):
            current, wanted = getattr(person, field), getattr(self, field)
            if current != wanted:
                rows.append((label, current, wanted))
        return rows


class PendingEmailChange(models.Model):
    """A new email address that takes effect once a link sent to it is
    followed; only a hash of the link's secret is stored."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_changes",
    )
    new_email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Who asked for the change: the person, a manager or the training team.
    route = models.CharField(max_length=20)
    #: Shared with the audit entries of the update that asked for it.
    batch = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    #: Set when a newer request replaces this one or the account closes.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Email change {self.pk}"
