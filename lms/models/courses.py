"""Courses as Wagtail pages: an index, courses, their modules and lessons.

A course page is also the record that credits and enrolments point to.
Reading a course's overview is open to all; its modules and lessons are
served only to the people ``lms.courses.access`` lets in. The pages hand
their context and serving to ``lms.views.courses``, imported where used
because the views import these models.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.blocks import LessonBodyBlock


class CourseIndexPage(Page):
    """The list of courses on offer."""

    intro = models.TextField(blank=True, help_text="Shown above the list of courses.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["lms.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = "course index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live()
        return context


class CoursePage(Page):
    """A course: its overview page, and the thing credits are bought for."""

    class Level(models.TextChoices):
        FOUNDATION = "foundation", "Foundation"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    summary = models.TextField(help_text="One or two sentences shown in lists.")
    level = models.CharField(
        max_length=20, choices=Level.choices, default=Level.FOUNDATION
    )
    #: Minutes a typical delegate needs to study every lesson, shown as a
    #: guide on the overview; it does not limit anyone's time.
    duration_minutes = models.PositiveSmallIntegerField(
        "estimated duration (minutes)",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(6000)],
    )
    description = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Who the course is for and what it covers, on the overview.",
    )
    assessment_title = models.CharField(
        "assessment",
        max_length=200,
        blank=True,
        help_text="The assessment this course leads to.",
    )
    assessment_summary = models.TextField(
        blank=True,
        help_text="How the assessment works, for example its length and pass mark.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("level"),
        FieldPanel("duration_minutes"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("assessment_title"), FieldPanel("assessment_summary")],
            heading="Assessment",
        ),
        InlinePanel(
            "access_rules",
            heading="Access to other courses",
            label="Access rule",
            help_text="Delegates who enrol on or pass this course can also read "
            "another course's lessons for a number of days.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("assessment_title"),
    ]
    parent_page_types = ["lms.CourseIndexPage"]
    subpage_types = ["lms.ModulePage"]

    class Meta:
        verbose_name = "course"

    def duration_display(self):
        """Return the estimated duration in words: "2 hours 30 minutes"."""
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)

    def get_context(self, request, *args, **kwargs):
        from lms.views.courses import course_overview_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        from lms.views.courses import make_private

        response = super().serve(request, *args, **kwargs)
        # The overview is public, but what it shows a signed-in person
        # (progress, access) is theirs alone.
        return make_private(response, personal=request.user.is_authenticated)


class CourseAccessRule(Orderable):
    """Opens another course's lessons to this course's delegates for a time."""

    class Trigger(models.TextChoices):
        ENROL = "enrol", "Enrolling on this course"
        PASS = "pass", "Passing this course"

    source_course = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="access_rules"
    )
    target_course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,
        related_name="opened_by_rules",
        verbose_name="opens course",
    )
    trigger = models.CharField("when", max_length=10, choices=Trigger.choices)
    #: Length of the window, counted from the enrolment or the pass.
    days = models.PositiveSmallIntegerField(
        "for days", validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )

    panels = [FieldPanel("trigger"), FieldPanel("target_course"), FieldPanel("days")]

    class Meta(Orderable.Meta):
        verbose_name = "access rule"
        constraints = [
            models.CheckConstraint(
                condition=~Q(source_course=F("target_course")),
                name="lms_access_rule_not_to_itself",
            ),
            models.CheckConstraint(
                condition=Q(days__gte=1), name="lms_access_rule_days_positive"
            ),
        ]

    def __str__(self):
        return f"Access rule {self.pk}"

    def clean(self):
        super().clean()
        if (
            self.source_course_id
            and self.target_course_id
            and self.source_course_id == self.target_course_id
        ):
            raise ValidationError(
                {"target_course": "A course cannot open itself; choose another."}
            )

    def describe(self):
        """Return the rule as a sentence about the source course."""
        verb = "Enrolling on" if self.trigger == self.Trigger.ENROL else "Passing"
        plural = "s" if self.days != 1 else ""
        return (
            f"{verb} this course also opens {self.target_course.title} "
            f"for {self.days} day{plural}."
        )


class _RestrictedCoursePage(Page):
    """A page inside a course that only people with access may read."""

    class Meta:
        abstract = True

    def get_course_and_module(self):
        """Return this page's course and module (the module of a lesson).

        Pages reached through Wagtail's routing already know their parents,
        so this costs no query on a normal request.
        """
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        from lms.views.courses import serve_restricted_page

        return serve_restricted_page(self, request, super().serve)


class ModulePage(_RestrictedCoursePage):
    """A module: a group of lessons within a course."""

    summary = models.TextField(help_text="One or two sentences shown in lists.")

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["lms.CoursePage"]
    subpage_types = ["lms.LessonPage"]

    class Meta:
        verbose_name = "module"

    def get_course_and_module(self):
        return self.get_parent().specific, self

    def get_context(self, request, *args, **kwargs):
        from lms.views.courses import module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(request, self))
        return context


class LessonPage(_RestrictedCoursePage):
    """A lesson: the text, media and self-check questions delegates study."""

    summary = models.TextField(
        blank=True, help_text="One or two sentences shown in lists and search."
    )
    body = StreamField(LessonBodyBlock())

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["lms.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = "lesson"

    def clean(self):
        super().clean()
        # The admin form already refuses an image without alternative text;
        # this also stops one from being published by any other route.
        missing = [
            position
            for position, child in enumerate(self.body or [], start=1)
            if child.block_type == "image" and not (child.value["alt"] or "").strip()
        ]
        if missing:
            raise ValidationError(
                {
                    "body": "Every image needs alternative text (block "
                    + ", ".join(str(p) for p in missing)
                    + ")."
                }
            )

    def get_course_and_module(self):
        module = self.get_parent().specific
        return module.get_parent().specific, module

    def get_context(self, request, *args, **kwargs):
        from lms.views.courses import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(request, self))
        return context
