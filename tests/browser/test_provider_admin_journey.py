"""The provider's training team at work in the Wagtail admin."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from lms.models import CreditAccount, User
from tests.browser.conftest import assert_accessible
from tests.course_factories import make_course
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    make_home_page,
    make_provider_staff,
)


@pytest.fixture
def course(live_server):
    return make_course(make_home_page())


def sign_in_to_admin(page, live_server, email):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")


def settle(page):
    """Wait for the admin's message banner to finish fading in, so that
    axe-core measures its colours, not a frame of the animation."""
    page.wait_for_load_state()
    page.evaluate(
        """() => {
            const banner = document.querySelector(".messages");
            const fades = banner ? banner.getAnimations({subtree: true}) : [];
            return Promise.all(fades.map((fade) => fade.finished));
        }"""
    )


def test_training_team_member_records_a_new_organisations_first_purchase(
    page, live_server, course
):
    make_provider_staff(
        email="training@example.com", first_name="Aisha", last_name="Khan"
    )
    OrganisationFactory(name="Harbour Dynamics Ltd")
    sign_in_to_admin(page, live_server, "training@example.com")

    page.get_by_role("button", name="Training").click()
    page.get_by_role("link", name="Record a purchase").click()
    page.wait_for_url("**/admin/training/purchases/new/")
    assert_accessible(page)
    page.get_by_label("Organisation").select_option(
        label="Harbour Dynamics Ltd (no manager yet)"
    )
    page.get_by_label("Course").select_option(label=course.title)
    page.get_by_label("Credits bought").fill("20")
    page.get_by_label("Order or invoice reference").fill("INV-2026-0142")
    page.get_by_label("Title").select_option("Ms")
    page.get_by_label("First name").fill("Siobhán")
    page.get_by_label("Family name").fill("O'Neill")
    page.get_by_label("Email address").fill("siobhan.oneill@harbour.example")
    page.get_by_role("button", name="Record purchase").click()

    page.wait_for_url("**/admin/training/ledger/**")
    assert page.get_by_text("Siobhán O'Neill is its Company Manager").is_visible()
    assert page.get_by_role("cell", name="INV-2026-0142").is_visible()
    settle(page)
    assert_accessible(page)
    manager = User.objects.get(email="siobhan.oneill@harbour.example")
    assert manager.is_licence_holder and manager.is_company_manager
    assert CreditAccount.objects.get(organisation=manager.organisation).balance == 20
    assert [message.to for message in mail.outbox] == [[manager.email]]


def test_training_team_member_is_told_what_is_missing_from_a_purchase(
    page, live_server, course
):
    make_provider_staff(email="training@example.com")
    OrganisationFactory(name="Harbour Dynamics Ltd")
    sign_in_to_admin(page, live_server, "training@example.com")

    page.goto(live_server.url + "/admin/training/purchases/new/")
    page.get_by_label("Organisation").select_option(
        label="Harbour Dynamics Ltd (no manager yet)"
    )
    page.get_by_label("Course").select_option(label=course.title)
    page.get_by_label("Credits bought").fill("0")
    page.get_by_role("button", name="Record purchase").click()

    expect(page.get_by_text("Enter at least 1 credit.")).to_be_visible()
    expect(page.get_by_text("enter the first manager's email address")).to_be_visible()
    settle(page)
    assert_accessible(page)
    assert not CreditAccount.objects.exists()
