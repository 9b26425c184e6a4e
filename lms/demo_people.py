"""Demo people for the personal-data pages: a delegate before their
first-sign-in confirmation, one who has confirmed, one locked after an
assessment with a change request waiting, and one renamed in a way the
rename safeguard flags for the training team."""

from lms.demo import DEMO_PASSWORD, foundation_course
from lms.models import ChangeRequest, User
from lms.services import identity, people
from privacy.models import IdentityChange, current_privacy_notice

DOMAIN = "harwell-precision.example"
#: The Harwell licence holder that ``lms.demo`` creates, who adds these
#: delegates and makes the flagged change.
MANAGER_EMAIL = f"gareth.pryce@{DOMAIN}"


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


def seed_demo_people(*, home):
    """Create the personal-data demo people once; return their sign-ins as
    (description, user) pairs. Run after ``lms.demo.seed_organisations``."""
    course = foundation_course(home)
    manager = User.objects.get(email=MANAGER_EMAIL)
    notice = current_privacy_notice()

    def delegate(**details):
        return _delegate(manager=manager, course=course, **details)

    unconfirmed = delegate(
        title=User.Title.MR,
        first_name="Rhys",
        last_name="Davies",
        local_part="rhys.davies",
    )
    confirmed = User.objects.get(email=f"lukasz.zolc@{DOMAIN}")
    _confirm(confirmed, notice)

    # Amara passed the assessment, so her details are locked.
    locked = User.objects.get(email=f"amara.okonkwo@{DOMAIN}")
    _confirm(locked, notice)
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
        first_name="Daniel",
        last_name="Hughes",
        local_part="daniel.hughes",
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
        ("Delegate, Harwell, not yet confirmed", unconfirmed),
        ("Delegate, Harwell, locked, change requested", locked),
        ("Delegate, Harwell, flagged rename", renamed),
    ]
