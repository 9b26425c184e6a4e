"""Delegate imports: an uploaded list held between preview and confirmation."""

from django.conf import settings
from django.db import models


class DelegateImport(models.Model):
    """A checked CSV upload waiting for the manager to confirm it."""

    organisation = models.ForeignKey(
        "lms.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "lms.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: One dict per row: line, title, first_name, last_name, email, errors.
    rows = models.JSONField(default=list)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Delegate import {self.pk}"

    @property
    def valid(self):
        """Return True if no row has an error."""
        return not any(row["errors"] for row in self.rows)

    @property
    def error_count(self):
        """Return how many rows have an error."""
        return sum(1 for row in self.rows if row["errors"])
