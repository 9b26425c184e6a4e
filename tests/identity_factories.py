"""Builders for the personal-data tests: organisations with a course,
confirmed delegates and the privacy notice they accept."""

import datetime

from django.utils import timezone

from lms.models import Enrolment
from lms.services.identity import record_assessment_submitted
from tests.course_factories import make_course
from tests.factories import (
    OrganisationFactory,
    make_delegate,
    make_manager,
    make_privacy_notice,
)


def make_notice(home, version_label="1.0", days_ago=1):
    """Return a privacy notice version in force since ``days_ago``."""
    return make_privacy_notice(
        home,
        version_label=version_label,
        effective_date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def make_confirmed_delegate(organisation, course=None, **kwargs):
    """Return a delegate who has confirmed their details."""
    kwargs.setdefault("details_confirmed_at", timezone.now())
    return make_delegate(organisation, course=course, **kwargs)


def lock_by_assessment(delegate, course):
    """Submit an assessment attempt for ``delegate`` on ``course``."""
    enrolment, _ = Enrolment.objects.get_or_create(delegate=delegate, course=course)
    return record_assessment_submitted(enrolment)


class Setting:
    """A small world: one organisation with a manager, a licence holder
    and a confirmed delegate on a course, and another organisation."""

    def __init__(self, home):
        self.course = make_course(home)
        self.organisation = OrganisationFactory(name="Harwell Precision Ltd")
        self.manager = make_manager(self.organisation, first_name="Helen")
        self.licence_holder = make_manager(self.organisation, licence_holder=True)
        self.delegate = make_confirmed_delegate(
            self.organisation,
            course=self.course,
            first_name="Siobhán",
            last_name="O'Neill",
            email="siobhan.oneill@harwell.example",
        )
        self.other_organisation = OrganisationFactory(name="Other Works Ltd")
        self.other_manager = make_manager(self.other_organisation)
        self.other_delegate = make_confirmed_delegate(
            self.other_organisation, course=self.course
        )
