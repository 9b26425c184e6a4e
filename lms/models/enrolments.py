"""Enrolments: a delegate's place on a course, paid for with one credit."""

from django.conf import settings
from django.db import models


class EnrolmentQuerySet(models.QuerySet):
    def unused(self):
        """Return enrolments whose credit has not been used yet."""
        return self.filter(first_attempt_at__isnull=True)


class Enrolment(models.Model):
    """One delegate on one course; at most one per delegate and course."""

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "lms.CoursePage", on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    #: When the delegate first submitted an assessment: from then on the
    #: credit counts as used and is not returned if the delegate is removed.
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    #: Set after too many failed attempts; a manager unlocks it for free.
    locked_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "course"], name="lms_enrolment_once_per_course"
            )
        ]

    def __str__(self):
        return f"Enrolment {self.pk}"

    @property
    def is_used(self):
        """Return True once the credit paying for it has been used."""
        return self.first_attempt_at is not None

    @property
    def status(self):
        """Return a short word for where the delegate is on the course."""
        if self.locked_at:
            return "locked"
        if self.passed:
            return "passed"
        if self.passed is False:
            return "failed"
        if self.first_attempt_at:
            return "in assessment"
        return "enrolled"
