"""Sign-in with the email address, throttling and password reset."""

import pytest
from django.core import mail
from django.db import IntegrityError

from lms.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_ignores_the_letter_case_of_the_email(client, home_page):
    user = UserFactory(email="ada.lovelace@example.com")

    response = client.post(
        "/accounts/login/",
        {"username": "Ada.Lovelace@EXAMPLE.com", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_gets_a_clear_message(client, home_page):
    UserFactory(email="grace@example.com")

    response = client.post(
        "/accounts/login/", {"username": "grace@example.com", "password": "wrong"}
    )

    assert response.status_code == 200
    assert b"do not match an active account" in response.content
    assert "_auth_user_id" not in client.session


def test_emails_are_stored_lower_case_and_unique_whatever_the_case():
    User.objects.create_user(
        "Mixed.Case@Example.com", PASSWORD, first_name="A", last_name="B"
    )

    assert User.objects.filter(email="mixed.case@example.com").exists()
    with pytest.raises(IntegrityError):
        User.objects.create_user(
            "MIXED.case@example.com", PASSWORD, first_name="C", last_name="D"
        )


def test_repeated_wrong_passwords_lock_sign_in_for_that_account(client, home_page):
    UserFactory(email="target@example.com")
    for _ in range(5):
        client.post(
            "/accounts/login/", {"username": "target@example.com", "password": "guess"}
        )

    response = client.post(
        "/accounts/login/", {"username": "target@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert b"Sign-in paused" in response.content
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_only_to_known_addresses(client, home_page):
    UserFactory(email="known@example.com")

    client.post("/accounts/password-reset/", {"email": "known@example.com"})
    client.post("/accounts/password-reset/", {"email": "unknown@example.com"})

    assert [m.to for m in mail.outbox] == [["known@example.com"]]
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_sign_out_needs_a_post(client, home_page):
    user = UserFactory()
    client.force_login(user)

    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
