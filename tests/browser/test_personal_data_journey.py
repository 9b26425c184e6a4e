"""A delegate's personal data from first sign-in to a change approved by
their manager and the alert reaching the training team, in a browser."""

import pytest
from django.conf import settings
from django.core import mail

from lms.models import Enrolment
from lms.services.identity import record_assessment_submitted
from privacy.models import IdentityChange
from tests.browser.conftest import assert_accessible
from tests.course_factories import make_course
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    make_delegate,
    make_home_page,
    make_manager,
    make_provider_staff,
)
from tests.identity_factories import make_notice


@pytest.fixture
def people(live_server):
    home = make_home_page()
    make_notice(home, version_label="1.0")
    course = make_course(home)
    organisation = OrganisationFactory(
        name="Harwell Precision Engineering Ltd", analytics_opt_in=True
    )
    manager = make_manager(
        organisation,
        email="helen.ashworth@harwell.example",
        first_name="Helen",
        last_name="Ashworth",
    )
    delegate = make_delegate(
        organisation,
        course=course,
        email="siobhan.oneill@harwell.example",
        first_name="Siobhán",
        last_name="O'Neill",
    )
    staff = make_provider_staff(email="reviewer@credence.example")
    return {"manager": manager, "delegate": delegate, "staff": staff}


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")


def test_delegate_confirms_edits_is_locked_and_a_manager_approves_their_change(
    page, live_server, people
):
    delegate = people["delegate"]

    # Delegate: first sign-in goes to the confirmation before anything else.
    sign_in(page, live_server, delegate.email)
    page.wait_for_url("**/welcome/confirm/**")
    assert page.get_by_text("Harwell Precision Engineering Ltd").first.is_visible()
    assert not page.get_by_label("Invite me to feedback surveys").is_checked()
    assert_accessible(page)
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_label("Invite me to feedback surveys").check()
    page.get_by_role("button", name="Confirm and continue").click()

    page.wait_for_url("**/training/")
    assert page.get_by_text("Thank you: your details are confirmed.").is_visible()
    assert_accessible(page)

    # Delegate: an edit while unlocked.
    page.get_by_role("link", name="Profile", exact=True).click()
    page.wait_for_url("**/profile/")
    assert_accessible(page)
    page.get_by_role("link", name="Edit your details").click()
    page.wait_for_url("**/profile/edit/")
    assert_accessible(page)
    page.get_by_label("Family name").fill("O'Neill-Byrne")
    page.get_by_role("button", name="Save your details").click()
    page.wait_for_url("**/profile/")
    assert page.get_by_text("Your details are saved.").is_visible()
    assert page.get_by_text("O'Neill-Byrne").is_visible()

    # The assessment engine records the first attempt: details lock.
    record_assessment_submitted(Enrolment.objects.get(delegate=delegate))
    page.reload()
    assert page.get_by_role("link", name="Edit your details").count() == 0
    page.get_by_role("link", name="Request a change").click()
    page.wait_for_url("**/profile/request-change/")
    assert_accessible(page)
    page.get_by_label("Family name").fill("Byrne")
    page.get_by_label("Why do you need the change?").fill("I now use one name.")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/profile/")
    assert page.get_by_text("Your request has gone to your organisation").is_visible()
    sign_out(page)

    # Company manager: approves the request in the portal.
    sign_in(page, live_server, people["manager"].email)
    page.wait_for_url("**/")
    page.goto(live_server.url + "/manage/")
    page.get_by_role("link", name="Change requests").click()
    page.wait_for_url("**/manage/change-requests/")
    assert page.get_by_role("cell", name="Byrne", exact=True).is_visible()
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**/manage/change-requests/")
    assert page.get_by_text("You approved").is_visible()
    assert_accessible(page)
    delegate.refresh_from_db()
    assert delegate.last_name == "Byrne"
    sign_out(page)

    # Training team: the alert arrived by email and waits in the admin.
    alerts = [m for m in mail.outbox if settings.PROVIDER_NOTIFICATION_EMAIL in m.to]
    assert len(alerts) == 2
    assert '"O\'Neill-Byrne" -> "Byrne"' in alerts[-1].body
    assert "already used its credit" in alerts[-1].body
    flagged = IdentityChange.objects.get(new_value="Byrne")
    assert flagged.flagged and flagged.route == "manager"

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(people["staff"].email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/identity_changes/?flagged=true")
    assert page.get_by_role("link", name="Ms Siobhán Byrne").first.is_visible()
    page.get_by_role("link", name="Ms Siobhán Byrne").first.click()
    page.wait_for_url("**/admin/identity_changes/inspect/**")
    assert page.get_by_text("The account has already used its credit").is_visible()
    assert_accessible(page)
