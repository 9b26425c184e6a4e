"""Journeys through the site shell in a real browser."""

import datetime

import pytest
from django.utils import timezone

from lms.models import User
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory, make_home_page, make_privacy_notice


@pytest.fixture
def site_content(live_server):
    home = make_home_page()
    make_privacy_notice(
        home,
        version_label="1.0",
        effective_date=timezone.localdate() - datetime.timedelta(days=1),
        body="<h2>Who we are</h2><p>Credence Training Ltd.</p>",
    )
    return home


def test_visitor_reads_home_page_then_privacy_notice_from_footer(
    page, live_server, site_content
):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()

    page.wait_for_url("**/privacy/")
    assert page.get_by_role("heading", name="Who we are").is_visible()
    assert_accessible(page)


def test_person_signs_in_with_email_and_signs_out(page, live_server, site_content):
    UserFactory(email="delegate@example.com", first_name="Łukasz", last_name="Żółć")

    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill("Delegate@Example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(live_server.url + "/")
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("link", name="Sign in", exact=True).is_visible()


def test_wrong_password_is_announced_on_the_form(page, live_server, site_content):
    UserFactory(email="delegate@example.com")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill("delegate@example.com")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)


def test_provider_admin_reaches_the_wagtail_dashboard(page, live_server, site_content):
    User.objects.create_superuser(
        "admin@example.com", PASSWORD, first_name="Priya", last_name="Raman"
    )

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("admin@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(live_server.url + "/admin/")
    assert page.get_by_role("heading", name="Credence", level=1).is_visible()
