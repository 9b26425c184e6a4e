"""Read-side queries of the manager portal, built to a fixed query count."""

from django.db.models import Exists, OuterRef, Q

from lms.models import Enrolment


def annotate_delegate_status(people):
    """Annotate each person with flags for the delegate list's status."""
    enrolments = Enrolment.objects.filter(delegate=OuterRef("pk"))
    return people.annotate(
        any_locked=Exists(enrolments.filter(locked_at__isnull=False)),
        any_passed=Exists(enrolments.filter(passed=True)),
        any_failed=Exists(enrolments.filter(passed=False)),
    )


#: Status filter of the delegate list, as a condition on the annotations.
STATUS_FILTERS = {
    "invited": Q(last_login__isnull=True),
    "in_progress": Q(last_login__isnull=False, any_passed=False, any_failed=False),
    "passed": Q(any_passed=True),
    "failed": Q(any_failed=True),
    "locked": Q(any_locked=True),
}

#: Sort orders of the delegate list; each ends on the primary key so pages
#: never overlap.
SORT_ORDERS = {
    "name": ("last_name", "first_name", "pk"),
    "email": ("email", "pk"),
    "-added": ("-date_joined", "-pk"),
    "-last_login": ("-last_login", "-pk"),
}


def delegate_list(people, *, q="", status="", sort="name"):
    """Return the delegates of ``people`` searched, filtered and sorted."""
    delegates = annotate_delegate_status(
        people.filter(is_delegate=True, is_active=True)
    )
    if q:
        delegates = delegates.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
        )
    if status in STATUS_FILTERS:
        delegates = delegates.filter(STATUS_FILTERS[status])
    return delegates.order_by(*SORT_ORDERS.get(sort, SORT_ORDERS["name"]))
