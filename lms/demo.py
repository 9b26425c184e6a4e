"""Demo organisations, people and training for ``seed_demo``."""

import datetime

from django.utils import timezone

from lms.courses import progress
from lms.models import (
    CoursePage,
    CreditAccount,
    CreditRequest,
    LessonPage,
    LessonProgress,
    Organisation,
    User,
)
from lms.permissions import sync_role_permissions
from lms.services import credits
from lms.services.people import remove_delegate

#: Every demo account signs in with this password; demo data is never real.
DEMO_PASSWORD = "credence-demo-2026"  # noqa: S105

FOUNDATION_SLUG = "uk-export-controls-foundation"

#: Organisation, licence holder, managers and delegates, with each
#: delegate's state: invited (never signed in), studying, passed, failed,
#: locked (after failed attempts) or removed.
ORGANISATIONS = [
    {
        "name": "Harwell Precision Engineering Ltd",
        "slug": "harwell-precision",
        "purchase": 40,
        "holder": ("Mr", "Gareth", "Pryce", "gareth.pryce@harwell-precision.example"),
        "managers": [
            ("Ms", "Siobhán", "O'Neill", "siobhan.oneill@harwell-precision.example")
        ],
        "delegates": [
            (
                "Dr",
                "Łukasz",
                "Żółć",
                "lukasz.zolc@harwell-precision.example",
                "studying",
            ),
            (
                "Ms",
                "Amara",
                "Okonkwo",
                "amara.okonkwo@harwell-precision.example",
                "passed",
            ),
            (
                "Mr",
                "Tomasz",
                "Wiśniewski",
                "tomasz.w@harwell-precision.example",
                "failed",
            ),
            ("Mrs", "Priya", "Nair", "priya.nair@harwell-precision.example", "locked"),
            (
                "Mr",
                "Callum",
                "MacLeod",
                "callum.macleod@harwell-precision.example",
                "invited",
            ),
            (
                "Mx",
                "Jordan",
                "Ellis-Baker",
                "jordan.ellis@harwell-precision.example",
                "removed",
            ),
        ],
    },
    {
        "name": "Solent Avionics Group plc",
        "slug": "solent-avionics",
        "purchase": 6,
        "holder": ("Ms", "Fiona", "Campbell", "fiona.campbell@solent-avionics.example"),
        "managers": [],
        "delegates": [
            (
                "Mr",
                "Oluwaseun",
                "Adeyemi",
                "seun.adeyemi@solent-avionics.example",
                "studying",
            ),
            ("Ms", "Zhang", "Wei", "zhang.wei@solent-avionics.example", "invited"),
        ],
    },
]


def seed_provider_admin():
    """Return the provider's demo administrator, creating it once."""
    admin = User.objects.filter(email="admin@credence.example").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin@credence.example",
            DEMO_PASSWORD,
            first_name="Priya",
            last_name="Raman",
            title=User.Title.MS,
        )
    return admin


def foundation_course(home):
    """Return the foundation course, making a placeholder if none exists."""
    course = CoursePage.objects.filter(slug=FOUNDATION_SLUG).first()
    if course is None:
        course = home.add_child(
            instance=CoursePage(
                title="UK Strategic Export Controls: Foundation",
                slug=FOUNDATION_SLUG,
                summary="The foundation course in UK strategic export controls.",
            )
        )
    return course


def _person(organisation, details, **roles):
    title, first_name, last_name, email = details
    person, created = User.objects.get_or_create(
        email=email,
        defaults={
            "title": title,
            "first_name": first_name,
            "last_name": last_name,
            "organisation": organisation,
            **roles,
        },
    )
    if created:
        person.set_password(DEMO_PASSWORD)
        person.save()
        sync_role_permissions(person)
    return person


def _put_in_state(delegate, enrolment, state, admin):
    """Make a demo delegate's records match ``state``."""
    now = timezone.now()
    ago = datetime.timedelta
    if state != "invited":
        delegate.last_login = now - ago(days=2)
    if state == "invited":
        delegate.set_unusable_password()
    if state in ("passed", "failed", "locked"):
        enrolment.first_attempt_at = now - ago(days=5)
        enrolment.passed = state == "passed"
        enrolment.completed_at = now - ago(days=5) if state == "passed" else None
    if state == "locked":
        enrolment.locked_at = now - ago(days=4)
    enrolment.save()
    delegate.save()
    if state == "removed":
        remove_delegate(actor=admin, delegate=delegate)


def seed_organisations(home, admin):
    """Create the demo organisations, their credits and people, once.

    Return (role, person) pairs for the sign-ins that ``seed_demo`` prints.
    """
    course = foundation_course(home)
    sign_ins = []
    for spec in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
        holder = _person(
            organisation,
            spec["holder"],
            is_company_manager=True,
            is_licence_holder=True,
        )
        sign_ins.append((f"Licence holder, {organisation.name}", holder))
        for details in spec["managers"]:
            manager = _person(organisation, details, is_company_manager=True)
            sign_ins.append((f"Company manager, {organisation.name}", manager))
        if created:
            credits.record_purchase(
                actor=admin,
                organisation=organisation,
                course=course,
                quantity=spec["purchase"],
                reference=f"INV-2026-{organisation.pk:04d}",
            )
            for *details, state in spec["delegates"]:
                delegate = _person(organisation, details, is_delegate=True)
                enrolment = credits.allocate_credit(
                    actor=holder, delegate=delegate, course=course
                )
                _put_in_state(delegate, enrolment, state, admin)
        for *details, state in spec["delegates"]:
            if state == "studying":
                person = User.objects.get(email=details[3])
                sign_ins.append((f"Delegate, {organisation.name}", person))
    return sign_ins


def seed_credit_request(home):
    """Leave one pending credit request for a second course, if one exists."""
    other = CoursePage.objects.exclude(slug=FOUNDATION_SLUG).first()
    delegate = User.objects.filter(
        email="lukasz.zolc@harwell-precision.example"
    ).first()
    if other and delegate:
        CreditRequest.objects.get_or_create(
            delegate=delegate,
            course=other,
            status=CreditRequest.Status.PENDING,
            defaults={
                "message": "My role now includes sharing drawings with partners."
            },
        )
        CreditAccount.objects.get_or_create(
            organisation=delegate.organisation, course=other
        )


def seed_study_progress(home):
    """Give the studying demo delegate lessons done, a lesson to continue
    and a bookmark, once."""
    delegate = User.objects.filter(
        email="lukasz.zolc@harwell-precision.example"
    ).first()
    course = foundation_course(home)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path")[:5])
    if delegate is None or len(lessons) < 5:
        return
    if LessonProgress.objects.filter(delegate=delegate).exists():
        return
    for lesson in lessons[:4]:
        progress.mark_lesson_done(delegate, lesson)
    progress.record_lesson_view(delegate, lessons[4])
    progress.add_bookmark(delegate, lessons[1])
