"""Demo people for the personal-data pages: a delegate before their
first-sign-in confirmation, one who has confirmed, one locked after an
assessment with a change request waiting, and one renamed in a way the
rename safeguard flags for the training team."""

import json

from django.conf import settings

from lms.demo import DEMO_PASSWORD
from lms.models import ChangeRequest, CoursePage, CreditAccount, Organisation, User
from lms.permissions import sync_role_permissions
from lms.services import credits, identity, people
from privacy.models import IdentityChange, current_privacy_notice

ORGANISATION_SLUG = "harwell-precision"
ORGANISATION_NAME = "Harwell Precision Engineering Ltd"
DOMAIN = "harwell-precision.example"
COURSES_FILE = settings.ROOT_DIR / "fixtures" / "courses.json"


def _course(home):
    """Return a live course, creating the first course's page if none."""
    course = CoursePage.objects.live().order_by("pk").first()
    if course is not None:
        return course
    data = json.loads(COURSES_FILE.read_text(encoding="utf-8"))[0]
    return home.add_child(
        instance=CoursePage(
            title=data["title"], slug=data["slug"], summary=data["summary"]
        )
    )


def _manager(organisation):
    email = f"helen.ashworth@{DOMAIN}"
    manager = User.objects.filter(email=email).first()
    if manager is None:
        manager = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            title=User.Title.DR,
            first_name="Helen",
            last_name="Ashworth",
            organisation=organisation,
            is_company_manager=True,
            is_licence_holder=True,
        )
        sync_role_permissions(manager)
    return manager


def _delegate(*, manager, course, title, first_name, last_name, local_part):
    email = f"{local_part}@{DOMAIN}"
    delegate = User.objects.filter(email=email).first()
    if delegate is None:
        delegate = people.add_delegate(
            actor=manager,
            organisation=manager.organisation,
            course=course,
            title=title,
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        delegate.set_password(DEMO_PASSWORD)
        delegate.save(update_fields=["password"])
    return delegate


def _confirm(person, notice):
    if person.details_confirmed_at or notice is None:
        return
    identity.confirm_details(
        person=person,
        title=person.title,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        notice=notice,
        marketing={"marketing_new_content": True},
        analytics_opt_out=False,
    )


def _submit_assessment(person, course):
    enrolment = person.enrolments.get(course=course)
    identity.record_assessment_submitted(enrolment)


def seed_demo_people(*, home, admin):
    """Create the personal-data demo people once; return their sign-ins as
    (description, user) pairs."""
    organisation, _ = Organisation.objects.get_or_create(
        slug=ORGANISATION_SLUG,
        defaults={"name": ORGANISATION_NAME, "analytics_opt_in": True},
    )
    course = _course(home)
    manager = _manager(organisation)
    account = CreditAccount.objects.filter(
        organisation=organisation, course=course
    ).first()
    if account is None or account.balance < 4:
        credits.record_purchase(
            actor=admin,
            organisation=organisation,
            course=course,
            quantity=10,
            reference="DEMO-HWL-001",
        )
    notice = current_privacy_notice()

    def delegate(**details):
        return _delegate(manager=manager, course=course, **details)

    unconfirmed = delegate(
        title=User.Title.MR,
        first_name="Łukasz",
        last_name="Żółć",
        local_part="lukasz.zolc",
    )
    confirmed = delegate(
        title=User.Title.MS,
        first_name="Siobhán",
        last_name="O'Neill",
        local_part="siobhan.oneill",
    )
    _confirm(confirmed, notice)

    locked = delegate(
        title=User.Title.MRS,
        first_name="Amara",
        last_name="Okonkwo",
        local_part="amara.okonkwo",
    )
    _confirm(locked, notice)
    _submit_assessment(locked, course)
    if not ChangeRequest.objects.filter(person=locked).exists():
        identity.request_change(
            person=locked,
            title=User.Title.MRS,
            first_name="Amara",
            last_name="Okonkwo-Hughes",
            email=locked.email,
            reason="I married in June and now use a double-barrelled family name.",
        )

    renamed = delegate(
        title=User.Title.MR,
        first_name="Gareth",
        last_name="Pryce",
        local_part="gareth.pryce",
    )
    _confirm(renamed, notice)
    _submit_assessment(renamed, course)
    if not IdentityChange.objects.filter(user=renamed).exists():
        identity.update_details(
            actor=manager,
            person=renamed,
            title=User.Title.MS,
            first_name="Carys",
            last_name="Morgan",
            email=renamed.email,
            route=identity.Route.MANAGER,
        )

    return [
        ("Licence holder (Harwell)", manager),
        ("Delegate, not yet confirmed", unconfirmed),
        ("Delegate, confirmed", confirmed),
        ("Delegate, change requested", locked),
        ("Delegate, flagged rename", renamed),
    ]
