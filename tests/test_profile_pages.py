"""The delegate's own pages: first-sign-in confirmation, profile and
choices, editing, change requests, the email link, their data and their
training history."""

import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from lms.models import ChangeRequest, CreditRequest, PendingEmailChange, User
from lms.services import identity
from privacy.models import ChoiceEvent, IdentityChange, PrivacyChoices
from tests.course_factories import make_course
from tests.factories import make_delegate, make_provider_staff
from tests.identity_factories import Setting, lock_by_assessment, make_notice

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    "/welcome/confirm/",
    "/profile/",
    "/profile/edit/",
    "/profile/request-change/",
    "/profile/my-data/",
    "/training/",
]


@pytest.fixture
def world(home_page):
    setting = Setting(home_page)
    setting.notice = make_notice(home_page, version_label="1.2")
    return setting


@pytest.fixture
def newcomer(world):
    return make_delegate(
        world.organisation,
        course=world.course,
        first_name="Łukasz",
        last_name="Żółć",
        email="lukasz@harwell.example",
    )


def confirmation(person, **changes):
    data = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "accept_notice": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("address", PERSONAL_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, address, db):
    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_unconfirmed_delegate_is_sent_to_confirm_before_anything_else(client, newcomer):
    client.force_login(newcomer)

    response = client.get("/training/")

    assert response.status_code == 302
    assert response["Location"] == "/welcome/confirm/?next=%2Ftraining%2F"


@pytest.mark.parametrize(
    "address", ["/privacy/", "/privacy/version-1-2/", "/profile/email/confirm/x/"]
)
def test_unconfirmed_delegate_can_still_read_the_privacy_notice_and_links(
    client, newcomer, address
):
    client.force_login(newcomer)

    response = client.get(address)

    assert response.status_code in (200, 404)
    assert "Location" not in response


def test_unconfirmed_delegate_can_sign_out(client, newcomer):
    client.force_login(newcomer)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_company_manager_who_is_not_a_delegate_is_not_held_up(client, world):
    client.force_login(world.manager)

    response = client.get("/manage/")

    assert response.status_code == 200


def test_unconfirmed_delegate_sees_their_details_the_organisation_and_unticked_choices(
    client, newcomer
):
    client.force_login(newcomer)

    response = client.get("/welcome/confirm/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Łukasz"' in html
    assert "Harwell Precision Ltd" in html
    assert 'name="organisation"' not in html
    assert "version 1.2" in html
    for name in (
        "marketing_updates",
        "marketing_new_content",
        "marketing_surveys",
        "marketing_research",
        "analytics_opt_out",
    ):
        tag = re.search(rf'<input[^>]+name="{name}"[^>]*>', html).group(0)
        assert "checked" not in tag
    assert "Check with your employer before you opt out" in html


def test_unconfirmed_delegate_must_accept_the_notice(client, newcomer):
    client.force_login(newcomer)

    response = client.post(
        "/welcome/confirm/", confirmation(newcomer, accept_notice=None)
    )

    assert response.status_code == 200
    assert "Tick the box to accept the privacy notice" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.details_confirmed_at is None
    assert not ChoiceEvent.objects.exists()


def test_unconfirmed_delegate_confirms_and_every_choice_is_recorded_with_times(
    client, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/welcome/confirm/?next=/training/",
            confirmation(
                newcomer,
                first_name="Łukasz Jan",
                marketing_new_content="on",
                analytics_opt_out="on",
                next="/training/",
            ),
        )

    assert response.status_code == 302
    assert response["Location"] == "/training/"
    newcomer.refresh_from_db()
    assert newcomer.details_confirmed_at is not None
    assert newcomer.first_name == "Łukasz Jan"
    choices = PrivacyChoices.objects.get(user=newcomer)
    assert choices.notice_version == "1.2"
    assert choices.marketing_new_content and choices.analytics_opt_out
    assert not choices.marketing_updates
    assert ChoiceEvent.objects.filter(user=newcomer).count() == 6
    assert IdentityChange.objects.get(user=newcomer).field == "first_name"


def test_unconfirmed_delegate_changing_email_at_confirmation_gets_a_link(
    client, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/welcome/confirm/",
            confirmation(newcomer, email="lukasz.zolc@harwell.example"),
            follow=True,
        )

    assert "We have sent a link to lukasz.zolc@harwell.example" in (
        response.content.decode()
    )
    newcomer.refresh_from_db()
    assert newcomer.email == "lukasz@harwell.example"
    assert PendingEmailChange.objects.filter(person=newcomer).exists()
    assert any(m.to == ["lukasz.zolc@harwell.example"] for m in mail.outbox)


def test_unconfirmed_delegate_typing_a_bad_name_is_told_and_nothing_is_saved(
    client, newcomer
):
    client.force_login(newcomer)

    response = client.post(
        "/welcome/confirm/", confirmation(newcomer, last_name="<i>x</i>")
    )

    html = response.content.decode()
    assert "cannot contain &lt; or &gt;" in html
    assert 'value="&lt;i&gt;x&lt;/i&gt;"' in html
    newcomer.refresh_from_db()
    assert newcomer.details_confirmed_at is None
    assert newcomer.last_name == "Żółć"


def test_unconfirmed_delegate_without_a_published_notice_cannot_confirm(
    client, home_page
):
    world = Setting(home_page)
    person = make_delegate(world.organisation)
    client.force_login(person)

    page = client.get("/welcome/confirm/")
    response = client.post("/welcome/confirm/", confirmation(person))

    assert "until its privacy notice is published" in page.content.decode()
    assert "until its privacy notice is published" in response.content.decode()
    person.refresh_from_db()
    assert person.details_confirmed_at is None


def test_confirmed_delegate_visiting_the_confirmation_goes_on(client, world):
    client.force_login(world.delegate)

    response = client.get("/welcome/confirm/")

    assert response.status_code == 302
    assert response["Location"] == "/training/"


def test_confirmed_delegate_profile_shows_details_analytics_and_the_edit_link(
    client, world
):
    world.organisation.analytics_opt_in = True
    world.organisation.save()
    client.force_login(world.delegate)

    html = client.get("/profile/").content.decode()

    assert "Siobhán" in html and "O&#x27;Neill" in html
    assert "has chosen to include its delegates" in html
    assert "Check with your employer before you opt out" in html
    assert 'href="/profile/edit/"' in html
    assert 'href="/profile/request-change/"' not in html
    assert 'href="/profile/my-data/"' in html


def test_confirmed_delegate_profile_says_when_the_organisation_has_not_opted_in(
    client, world
):
    client.force_login(world.delegate)

    html = client.get("/profile/").content.decode()

    assert "has not opted in to anonymised analytics" in html


def test_confirmed_delegate_changes_marketing_choices_at_any_time(client, world):
    client.force_login(world.delegate)

    response = client.post("/profile/", {"marketing_updates": "on"}, follow=True)

    assert "Your privacy choices are saved." in response.content.decode()
    choices = PrivacyChoices.objects.get(user=world.delegate)
    assert choices.marketing_updates
    assert choices.marketing_updates_at is not None


def test_confirmed_delegate_accepts_a_newer_notice_from_the_profile(
    client, world, home_page
):
    identity.confirm_details(
        person=world.delegate,
        title="",
        first_name="Siobhán",
        last_name="O'Neill",
        email=world.delegate.email,
        notice=world.notice,
        marketing={},
        analytics_opt_out=False,
    )
    make_notice(home_page, version_label="1.3", days_ago=0)
    client.force_login(world.delegate)

    page = client.get("/profile/").content.decode()
    client.post("/profile/", {"action": "accept_notice"})

    assert "Accept version 1.3" in page
    assert PrivacyChoices.objects.get(user=world.delegate).notice_version == "1.3"


def test_confirmed_delegate_edits_their_details(client, world):
    client.force_login(world.delegate)

    response = client.post(
        "/profile/edit/",
        {
            "title": "Dr",
            "first_name": "Siobhán",
            "last_name": "Byrne",
            "email": world.delegate.email,
        },
        follow=True,
    )

    assert "Your details are saved." in response.content.decode()
    world.delegate.refresh_from_db()
    assert (world.delegate.title, world.delegate.last_name) == ("Dr", "Byrne")


def test_locked_delegate_sees_request_a_change_instead_of_edit(client, world):
    lock_by_assessment(world.delegate, world.course)
    client.force_login(world.delegate)

    html = client.get("/profile/").content.decode()

    assert 'href="/profile/request-change/"' in html
    assert 'href="/profile/edit/"' not in html


def test_locked_delegate_posting_an_edit_directly_is_refused_and_nothing_changes(
    client, world
):
    lock_by_assessment(world.delegate, world.course)
    client.force_login(world.delegate)

    response = client.post(
        "/profile/edit/",
        {
            "title": "Mr",
            "first_name": "Gareth",
            "last_name": "Pryce",
            "email": "gareth@harwell.example",
        },
        follow=True,
    )

    assert "Your details are locked" in response.content.decode()
    world.delegate.refresh_from_db()
    assert world.delegate.first_name == "Siobhán"
    assert not IdentityChange.objects.exists()
    assert not PendingEmailChange.objects.exists()


def test_locked_delegate_requests_a_change(client, world):
    lock_by_assessment(world.delegate, world.course)
    client.force_login(world.delegate)

    response = client.post(
        "/profile/request-change/",
        {
            "title": "Ms",
            "first_name": "Siobhán",
            "last_name": "Byrne",
            "email": world.delegate.email,
            "reason": "Married.",
        },
        follow=True,
    )

    assert "Your request has gone to your organisation" in response.content.decode()
    request = ChangeRequest.objects.get(person=world.delegate)
    assert (request.last_name, request.reason) == ("Byrne", "Married.")


def test_unlocked_delegate_is_sent_from_request_a_change_to_edit(client, world):
    client.force_login(world.delegate)

    response = client.get("/profile/request-change/")

    assert response["Location"] == "/profile/edit/"


def test_delegate_and_manager_see_markup_in_a_name_as_text_on_pages_and_emails(
    client, world, django_capture_on_commit_callbacks
):
    delegate = world.delegate
    markup = {"first_name": "<script>alert(1)</script>", "last_name": "<b>Bold</b>"}
    User.objects.filter(pk=delegate.pk).update(**markup)
    delegate.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        identity.update_details(
            actor=world.manager,
            person=delegate,
            route=identity.Route.MANAGER,
            title="",
            first_name="Ann",
            last_name="Bold",
            email=delegate.email,
        )
    User.objects.filter(pk=delegate.pk).update(**markup)
    lock_by_assessment(delegate, world.course)
    ChangeRequest.objects.create(
        person=delegate, first_name="Ann", last_name="Bold", email=delegate.email
    )
    client.force_login(delegate)
    pages = [client.get("/profile/"), client.get("/training/")]
    client.force_login(world.manager)
    pages += [
        client.get("/manage/change-requests/"),
        client.get(f"/manage/people/{delegate.pk}/details/"),
    ]

    for response in pages:
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<b>Bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in pages[2].content.decode()
    alert = next(m for m in mail.outbox if "training-team" in m.to[0])
    assert '"<b>Bold</b>" -> "Bold"' in alert.body
    assert '"<script>alert(1)</script>" -> "Ann"' in alert.body


def test_confirmed_delegate_downloads_their_data(client, world):
    client.force_login(world.delegate)

    response = client.get("/profile/my-data/")

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["first_name"] == "Siobhán"
    assert data["enrolments"][0]["course"] == world.course.title


def test_confirmed_delegate_sees_their_training_history(client, world):
    world.delegate.last_login = timezone.now()
    world.delegate.save()
    lock_by_assessment(world.delegate, world.course)
    client.force_login(world.delegate)

    html = client.get("/training/").content.decode()

    assert world.course.title in html
    assert "Assessment submitted on" in html
    assert "0 of 6 lessons done." in html
    assert world.manager.email in html and world.licence_holder.email in html
    assert world.other_manager.email not in html
    assert "You have no certificates yet." in html
    assert "Last assessment" in html


def test_confirmed_delegate_requests_a_credit_for_another_course(
    client, world, home_page
):
    other = make_course(home_page, title="Technology transfers", slug="transfers")
    client.force_login(world.delegate)

    page = client.get("/training/").content.decode()
    response = client.post(
        "/training/", {"course": other.pk, "message": "For my new role."}, follow=True
    )

    assert f'<option value="{world.course.pk}"' not in page
    assert f'<option value="{other.pk}"' in page
    assert "Your request has gone to your organisation" in response.content.decode()
    request = CreditRequest.objects.get(delegate=world.delegate)
    assert (request.course_id, request.status) == (other.pk, "pending")


def test_provider_staff_without_an_organisation_see_no_credit_request_form(
    client, world
):
    staff = make_provider_staff()
    client.force_login(staff)

    html = client.get("/training/").content.decode()

    assert "Request a credit" not in html


def test_anyone_with_the_email_link_sees_a_button_and_only_posting_confirms(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        identity.update_details(
            actor=world.delegate,
            person=world.delegate,
            route=identity.Route.DELEGATE,
            title="",
            first_name="Siobhán",
            last_name="O'Neill",
            email="siobhan@new.example",
        )
    link = re.search(r"/profile/email/confirm/\S+/", mail.outbox[0].body).group(0)

    page = client.get(link)
    world.delegate.refresh_from_db()
    unchanged = world.delegate.email
    done = client.post(link)
    again = client.post(link)

    assert "Confirm the new address" in page.content.decode()
    assert unchanged == "siobhan.oneill@harwell.example"
    assert "Your email address is now siobhan@new.example" in done.content.decode()
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_anonymous_visitor_with_an_unknown_email_link_is_told_it_is_not_valid(
    client, db
):
    response = client.get("/profile/email/confirm/nonsense/")

    assert response.status_code == 404
    assert "not valid" in response.content.decode()
