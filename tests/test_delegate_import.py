"""Importing delegates from a CSV file: the preview, the row-by-row report,
and all-or-nothing creation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.models import DelegateImport, Enrolment, User
from tests.factories import (
    OrganisationFactory,
    give_credits,
    make_delegate,
    make_manager,
)

pytestmark = pytest.mark.django_db

GOOD = (
    "title,first_name,family_name,email\n"
    "Ms,Siobhán,O'Neill,siobhan.oneill@example.com\n"
    "Dr,Łukasz,Żółć,lukasz.zolc@example.com\n"
    ",Wei,Zhang,wei.zhang@example.com\n"
)


@pytest.fixture
def manager(client, organisation):
    person = make_manager(organisation)
    client.force_login(person)
    return person


def _upload(client, course, content, encoding="utf-8"):
    data = content.encode(encoding) if isinstance(content, str) else content
    return client.post(
        reverse("lms:import_delegates"),
        {
            "course": course.pk,
            "file": SimpleUploadedFile("people.csv", data, "text/csv"),
        },
        follow=True,
    )


def test_a_good_file_is_previewed_then_created_on_confirmation(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 3)

    preview = _upload(client, course, GOOD)
    delegate_import = DelegateImport.objects.get()

    assert "Add 3 delegates" in preview.content.decode()
    assert not User.objects.filter(is_delegate=True).exists()

    client.post(reverse("lms:import_preview", args=[delegate_import.pk]))

    account.refresh_from_db()
    assert User.objects.filter(is_delegate=True, organisation=organisation).count() == 3
    assert account.balance == 0
    assert User.objects.get(email="lukasz.zolc@example.com").last_name == "Żółć"


def test_a_spreadsheet_byte_order_mark_is_accepted(
    client, manager, organisation, course
):
    give_credits(organisation, course, 3)

    response = _upload(client, course, "\ufeff" + GOOD)

    assert "Add 3 delegates" in response.content.decode()


@pytest.mark.parametrize(
    "content, encoding, message",
    [
        ("name,email\nAda,ada@example.com\n", "utf-8", "The header row must name"),
        (
            "first_name,family_name,email\nRenée,Dupont,renee@example.com\n",
            "latin-1",
            "not UTF-8",
        ),
        ("", "utf-8", "The submitted file is empty."),
        ("title,first_name,family_name,email\n", "utf-8", "no delegates"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    client, manager, organisation, course, content, encoding, message
):
    give_credits(organisation, course, 5)

    response = _upload(client, course, content, encoding)

    assert message in response.content.decode()
    assert not DelegateImport.objects.exists()
    assert not User.objects.filter(is_delegate=True).exists()


def test_more_rows_than_the_limit_are_refused(
    client, manager, organisation, course, settings
):
    settings.CREDENCE_IMPORT_MAX_ROWS = 2
    give_credits(organisation, course, 5)

    response = _upload(client, course, GOOD)

    assert "one upload may add at most 2 delegates" in response.content.decode()


def test_bad_rows_are_reported_line_by_line_and_nothing_can_be_confirmed(
    client, manager, organisation, course
):
    give_credits(organisation, course, 10)
    make_delegate(OrganisationFactory(), email="taken@example.com")
    content = (
        "first_name,family_name,email\n"
        "Ada,Lovelace,ada@example.com\n"
        ",,\n"
        "Ada,Lovelace,ADA@example.com\n"
        "Alan,Turing,not-an-email\n"
        "Grace,Hopper,taken@example.com\n"
    )

    response = _upload(client, course, content)
    delegate_import = DelegateImport.objects.get()
    errors = {row["line"]: row["errors"] for row in delegate_import.rows}
    confirm = client.post(
        reverse("lms:import_preview", args=[delegate_import.pk]), follow=True
    )

    assert "4 rows need correcting" in response.content.decode()
    assert errors[2] == []
    assert errors[3] == ["The row is blank."]
    assert errors[4] == ["The same email is already on line 2."]
    assert errors[5] == [
        "Email address: Enter an email address in the form name@example.com."
    ]
    assert errors[6] == ["This email already belongs to a Credence account."]
    assert "cannot be confirmed" in confirm.content.decode()
    assert not User.objects.filter(is_delegate=True, organisation=organisation).exists()


def test_more_rows_than_credits_adds_nobody(client, manager, organisation, course):
    account = give_credits(organisation, course, 2)

    preview = _upload(client, course, GOOD)
    confirm = client.post(
        reverse("lms:import_preview", args=[DelegateImport.objects.get().pk]),
        follow=True,
    )

    account.refresh_from_db()
    assert "Not enough credit" in preview.content.decode()
    assert "3 credits are needed" in confirm.content.decode()
    assert account.balance == 2
    assert not User.objects.filter(is_delegate=True).exists()


def test_an_email_taken_after_the_preview_stops_the_whole_import(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 3)
    _upload(client, course, GOOD)
    make_delegate(OrganisationFactory(), email="wei.zhang@example.com")

    response = client.post(
        reverse("lms:import_preview", args=[DelegateImport.objects.get().pk]),
        follow=True,
    )

    account.refresh_from_db()
    assert "wei.zhang@example.com is already used" in response.content.decode()
    assert account.balance == 3
    assert not Enrolment.objects.exists()


def test_an_import_is_confirmed_only_once(client, manager, organisation, course):
    give_credits(organisation, course, 6)
    _upload(client, course, GOOD)
    url = reverse("lms:import_preview", args=[DelegateImport.objects.get().pk])

    client.post(url)
    again = client.post(url, follow=True)

    assert "cannot be confirmed" in again.content.decode()
    assert User.objects.filter(is_delegate=True).count() == 3


def test_another_manager_cannot_confirm_someone_elses_upload(
    client, manager, organisation, course
):
    give_credits(organisation, course, 3)
    _upload(client, course, GOOD)
    colleague = make_manager(organisation)
    client.force_login(colleague)

    response = client.post(
        reverse("lms:import_preview", args=[DelegateImport.objects.get().pk])
    )

    assert response.status_code == 404
    assert not User.objects.filter(is_delegate=True).exists()
