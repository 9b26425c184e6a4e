"""A manager adds a delegate, who follows the welcome link and signs in."""

import re

from django.core import mail

from tests.browser.conftest import assert_accessible
from tests.course_factories import make_course
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    give_credits,
    make_home_page,
    make_manager,
)


def test_manager_adds_a_delegate_who_sets_a_password_and_signs_in(page, live_server):
    home = make_home_page()
    course = make_course(home)
    organisation = OrganisationFactory(name="Harwell Precision Engineering Ltd")
    give_credits(organisation, course, 3)
    make_manager(organisation, email="manager@harwell.example")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill("manager@harwell.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Manage training").click()
    assert page.get_by_role("row", name=f"{course.title} 3").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Delegates", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a delegate").click()
    assert_accessible(page)
    page.get_by_label("Title").select_option("Ms")
    page.get_by_label("First name").fill("Siobhán")
    page.get_by_label("Family name").fill("O'Neill")
    page.get_by_label("Email address").fill("siobhan@harwell.example")
    page.get_by_role("button", name="Add delegate").click()
    assert page.get_by_text("was added and sent a welcome email").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Overview").click()
    assert page.get_by_role("row", name=f"{course.title} 2").is_visible()
    page.get_by_role("button", name="Sign out").click()

    path = re.search(r"/accounts/welcome/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", name="Welcome to Credence").is_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a-sound-passphrase-2026")
    page.get_by_label("New password confirmation").fill("a-sound-passphrase-2026")
    page.get_by_role("button", name="Save password").click()
    page.get_by_role("main").get_by_role("link", name="sign in").click()
    page.get_by_label("Email address").fill("siobhan@harwell.example")
    page.get_by_label("Password").fill("a-sound-passphrase-2026")
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_role("button", name="Sign out").is_visible()
