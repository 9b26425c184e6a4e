"""What the training service holds about a person, for the personal-data
export that privacy assembles."""

from lms.models import ChangeRequest, CreditRequest, Enrolment


def _when(moment):
    return moment.isoformat() if moment else None


def export_account(person):
    """Return the person's account details."""
    return {
        "title": person.title,
        "first_name": person.first_name,
        "family_name": person.last_name,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else None,
        "active": person.is_active,
        "disabled_at": _when(person.disabled_at),
        "details_confirmed_at": _when(person.details_confirmed_at),
        "created_at": _when(person.date_joined),
        "last_sign_in": _when(person.last_login),
    }


def export_roles(person):
    """Return the roles the person holds in their organisation."""
    return person.role_labels()


def export_enrolments(person):
    """Return the person's courses and where they are on each."""
    return [
        {
            "course": enrolment.course.title,
            "enrolled_at": _when(enrolment.enrolled_at),
            "first_assessment_at": _when(enrolment.first_attempt_at),
            "completed_at": _when(enrolment.completed_at),
            "passed": enrolment.passed,
            "locked_at": _when(enrolment.locked_at),
        }
        for enrolment in Enrolment.objects.filter(delegate=person)
        .select_related("course")
        .order_by("enrolled_at")
    ]


def export_credit_requests(person):
    """Return the person's requests for credits on other courses."""
    return [
        {
            "course": request.course.title,
            "message": request.message,
            "status": request.status,
            "created_at": _when(request.created_at),
            "decided_at": _when(request.decided_at),
        }
        for request in CreditRequest.objects.filter(delegate=person)
        .select_related("course")
        .order_by("created_at")
    ]


def export_change_requests(person):
    """Return the person's requests to change their locked details."""
    return [
        {
            "title": request.title,
            "first_name": request.first_name,
            "family_name": request.last_name,
            "email": request.email,
            "reason": request.reason,
            "status": request.status,
            "created_at": _when(request.created_at),
            "decided_at": _when(request.decided_at),
            "decision_reason": request.decision_reason,
        }
        for request in ChangeRequest.objects.filter(person=person).order_by(
            "created_at"
        )
    ]
