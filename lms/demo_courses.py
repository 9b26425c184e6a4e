"""Demo courses for ``seed_demo``: two courses, their review workflow, and
a lesson draft and a lesson in review to show editors how it works.

Pages are created when missing and never overwritten, so editors' changes
to the demo survive a second run.
"""

import json
import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from lms.models import (
    CourseAccessRule,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)

logger = logging.getLogger(__name__)

COURSES_FILE = settings.ROOT_DIR / "fixtures" / "courses.json"

#: What each demo course leads to; generic wording, no invented facts.
ASSESSMENTS = {
    "uk-export-controls-foundation": (
        "Foundation certificate in UK strategic export controls",
        "A timed multiple-choice assessment drawn from every module of the "
        "course. Take it when you are ready; your certificate shows the date "
        "you passed.",
    ),
    "intangible-technology-transfers-in-practice": (
        "Certificate in controlling intangible technology transfers",
        "A shorter timed multiple-choice assessment on the scenarios in this course.",
    ),
}

#: (source slug, target slug, trigger, days) for the demo's access rules.
ACCESS_RULES = [
    (
        "uk-export-controls-foundation",
        "intangible-technology-transfers-in-practice",
        CourseAccessRule.Trigger.PASS,
        90,
    ),
    (
        "intangible-technology-transfers-in-practice",
        "uk-export-controls-foundation",
        CourseAccessRule.Trigger.ENROL,
        365,
    ),
]

WORKFLOW_NAME = "Course review"
REVIEW_TASK_NAME = "Approval by a course reviewer"
WRITERS_GROUP = "Course writers"
REVIEWERS_GROUP = "Course reviewers"

#: Writers and reviewers may add and choose images and documents.
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]

#: A lesson with an unpublished draft, and a lesson waiting for review.
DRAFT_LESSON = "record-keeping"
IN_REVIEW_LESSON = "penalties-and-enforcement"


def seed_courses(parent, editor):
    """Return the course index under ``parent``, filled from the fixture,
    with a draft and a lesson in review by ``editor``."""
    index = CourseIndexPage.objects.child_of(parent).first()
    if index is None:
        index = parent.add_child(
            instance=CourseIndexPage(
                title="Courses",
                slug="courses",
                intro="Every course can be previewed here. The lessons open "
                "once your organisation gives you a place.",
            )
        )
    courses = {}
    for data in json.loads(COURSES_FILE.read_text(encoding="utf-8")):
        courses[data["slug"]] = _seed_course(index, data)
    _seed_access_rules(courses)
    _seed_review_workflow(index)
    _seed_draft_and_review(editor)
    return index


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _seed_course(index, data):
    course = _child(index, CoursePage, data["slug"])
    if course is None:
        assessment_title, assessment_summary = ASSESSMENTS.get(data["slug"], ("", ""))
        course = index.add_child(
            instance=CoursePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                level=data["level"],
                duration_minutes=data["duration_minutes"],
                assessment_title=assessment_title,
                assessment_summary=assessment_summary,
            )
        )
        course.save_revision().publish()
    for module_data in data["modules"]:
        module = _child(course, ModulePage, module_data["slug"])
        if module is None:
            module = course.add_child(
                instance=ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    summary=module_data["summary"],
                )
            )
            module.save_revision().publish()
        for lesson_data in module_data["lessons"]:
            if _child(module, LessonPage, lesson_data["slug"]) is None:
                lesson = module.add_child(
                    instance=LessonPage(
                        title=lesson_data["title"],
                        slug=lesson_data["slug"],
                        summary=lesson_data.get("summary", ""),
                        body=lesson_data["body"],
                    )
                )
                lesson.save_revision().publish()
    return course


def _seed_access_rules(courses):
    for source, target, trigger, days in ACCESS_RULES:
        if source not in courses or target not in courses:
            continue
        CourseAccessRule.objects.get_or_create(
            source_course=courses[source],
            target_course=courses[target],
            trigger=trigger,
            defaults={"days": days},
        )


def _seed_review_workflow(index):
    writers, _ = Group.objects.get_or_create(name=WRITERS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    for group, page_actions in (
        (writers, ("add", "change")),
        (reviewers, ("add", "change", "publish")),
    ):
        group.permissions.add(admin_access)
        for action in page_actions:
            if not GroupPagePermission.objects.filter(
                group=group, page=index, permission__codename=f"{action}_page"
            ).exists():
                GroupPagePermission.objects.create(
                    group=group, page=index, permission_type=action
                )
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set([reviewers])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def _lesson(slug):
    return LessonPage.objects.filter(slug=slug).first()


def _seed_draft_and_review(editor):
    draft = _lesson(DRAFT_LESSON)
    if draft is not None and draft.revisions.count() <= 1:
        draft.body.append(
            (
                "key_point",
                "Keep records so that you can show, not just say, that every "
                "controlled export was authorised.",
            )
        )
        draft.save_revision(user=editor, log_action=True)
        logger.info("Demo lesson %s has a draft revision", draft.pk)

    in_review = _lesson(IN_REVIEW_LESSON)
    if in_review is None:
        return
    reviewed_before = WorkflowState.objects.filter(
        base_content_type=in_review.get_base_content_type(),
        object_id=str(in_review.pk),
    ).exists()
    workflow = in_review.get_workflow()
    if not reviewed_before and workflow is not None:
        in_review.body.append(
            (
                "key_point",
                "Report a suspected breach to your compliance lead straight "
                "away, so that the company can consider a voluntary disclosure "
                "to HMRC.",
            )
        )
        in_review.save_revision(user=editor, log_action=True)
        workflow.start(in_review, editor)
        logger.info("Demo lesson %s is waiting for review", in_review.pk)
