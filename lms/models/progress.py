"""A delegate's progress through lessons, and the lessons they bookmark."""

from django.conf import settings
from django.db import models


class LessonProgress(models.Model):
    """Where one person stands with one lesson."""

    class Completion(models.TextChoices):
        MARKED = "marked", "Marked as done"
        REACHED_END = "reached_end", "Reached the end"

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "lms.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    first_viewed_at = models.DateTimeField(auto_now_add=True)
    #: Updated on every visit; the latest across a course is where the
    #: delegate is offered to continue.
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    #: Set once, the first time the lesson counts as done; never cleared.
    completed_at = models.DateTimeField(null=True, blank=True)
    completion = models.CharField(max_length=20, choices=Completion.choices, blank=True)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "lesson"], name="lms_lesson_progress_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["delegate", "-last_viewed_at"],
                name="lms_progress_recent_idx",
            )
        ]

    def __str__(self):
        return f"Lesson progress {self.pk}"


class Bookmark(models.Model):
    """A lesson a person wants to find again."""

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    lesson = models.ForeignKey(
        "lms.LessonPage", on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "lesson"], name="lms_bookmark_once"
            )
        ]

    def __str__(self):
        return f"Bookmark {self.pk}"
