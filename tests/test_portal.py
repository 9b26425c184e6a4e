"""The manager portal: adding, removing and reminding delegates, managers,
unlocking and credit requests, with the message each refusal shows."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.models import CreditAccount, CreditEntry, CreditRequest, Enrolment, User
from tests.course_factories import make_course
from tests.factories import (
    OrganisationFactory,
    give_credits,
    make_delegate,
    make_manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, organisation):
    """A company manager of ``organisation``, signed in."""
    person = make_manager(organisation)
    client.force_login(person)
    return person


def _add(client, course, **overrides):
    data = {
        "title": "Mr",
        "first_name": "Łukasz",
        "last_name": "Żółć",
        "email": "lukasz.zolc@example.com",
        "course": course.pk,
        **overrides,
    }
    return client.post(reverse("lms:delegate_add"), data)


def test_adding_a_delegate_spends_a_credit_and_sends_the_welcome(
    client, manager, organisation, course, django_capture_on_commit_callbacks
):
    account = give_credits(organisation, course, 2)

    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client, course)

    delegate = User.objects.get(email="lukasz.zolc@example.com")
    account.refresh_from_db()
    assert response.status_code == 302
    assert delegate.organisation == organisation and delegate.is_delegate
    assert not delegate.has_usable_password()
    assert account.balance == 1
    assert mail.outbox[-1].to == ["lukasz.zolc@example.com"]
    assert "/accounts/welcome/" in mail.outbox[-1].body


def test_an_email_in_use_anywhere_is_refused_whatever_its_case(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 2)
    make_delegate(OrganisationFactory(), email="taken@example.com")

    response = _add(client, course, email="Taken@Example.COM")

    account.refresh_from_db()
    assert response.status_code == 200
    assert "taken@example.com is already used" in response.content.decode()
    assert account.balance == 2
    assert User.objects.filter(email="taken@example.com").count() == 1


def test_no_credit_left_says_which_course_and_the_balance(
    client, manager, organisation, course
):
    give_credits(organisation, course, 1)
    _add(client, course)

    response = _add(client, course, email="second@example.com")

    html = response.content.decode()
    assert f"There is no credit left for {course.title}" in html
    assert "the balance is 0" in html
    assert not User.objects.filter(email="second@example.com").exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "not-an-email", "Enter an email address in the form"),
        ("first_name", "<script>", "cannot contain &lt; or &gt;"),
        ("last_name", "x" * 101, "Use 100 characters or fewer"),
        ("first_name", "", "Enter the first name."),
    ],
)
def test_bad_details_get_a_clear_message_and_write_nothing(
    client, manager, organisation, course, field, value, message
):
    give_credits(organisation, course, 1)

    response = _add(client, course, **{field: value})

    assert message in response.content.decode()
    assert User.objects.filter(is_delegate=True).count() == 0
    assert not Enrolment.objects.exists()


def test_names_in_any_script_are_accepted_and_shown_as_written(
    client, manager, organisation, course
):
    give_credits(organisation, course, 1)

    _add(client, course, first_name="Siobhán", last_name="O'Neill-Ó Briain")
    delegate = User.objects.get(email="lukasz.zolc@example.com")
    page = client.get(reverse("lms:delegate", args=[delegate.pk])).content.decode()

    assert "Siobhán O&#x27;Neill-Ó Briain" in page


def test_removing_a_delegate_returns_an_unused_credit(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 1)
    _add(client, course)
    delegate = User.objects.get(email="lukasz.zolc@example.com")

    response = client.post(reverse("lms:delegate_remove", args=[delegate.pk]))

    delegate.refresh_from_db()
    account.refresh_from_db()
    assert response.status_code == 302
    assert not delegate.is_active and not delegate.is_delegate
    assert account.balance == 1
    assert CreditEntry.objects.filter(kind="return", delegate=delegate).exists()


def test_removing_a_delegate_keeps_a_used_credit_spent(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 1)
    _add(client, course)
    delegate = User.objects.get(email="lukasz.zolc@example.com")
    Enrolment.objects.filter(delegate=delegate).update(
        first_attempt_at="2026-11-01T09:00Z"
    )

    client.post(reverse("lms:delegate_remove", args=[delegate.pk]))

    account.refresh_from_db()
    assert account.balance == 0
    assert Enrolment.objects.filter(delegate=delegate).exists()


def test_unlocking_costs_no_credit(client, manager, organisation, course):
    account = give_credits(organisation, course, 1)
    delegate = make_delegate(organisation, course=course)
    enrolment = Enrolment.objects.get(delegate=delegate)
    Enrolment.objects.filter(pk=enrolment.pk).update(locked_at="2026-11-01T09:00Z")

    client.post(reverse("lms:delegate_unlock", args=[delegate.pk, enrolment.pk]))

    enrolment.refresh_from_db()
    account.refresh_from_db()
    assert enrolment.locked_at is None
    assert account.balance == 1


def test_reminders_go_to_every_delegate_who_has_not_finished(
    client, manager, organisation, course, django_capture_on_commit_callbacks
):
    waiting = make_delegate(organisation, course=course)
    finished = make_delegate(organisation, course=course)
    Enrolment.objects.filter(delegate=finished).update(completed_at="2026-11-01T09:00Z")
    make_delegate(OrganisationFactory(), course=course)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms:remind_all"))

    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert Enrolment.objects.get(delegate=waiting).last_reminded_at is not None


def test_resending_the_welcome_sends_a_fresh_link(
    client, manager, organisation, django_capture_on_commit_callbacks
):
    delegate = make_delegate(organisation)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms:delegate_welcome", args=[delegate.pk]))

    assert mail.outbox[-1].to == [delegate.email]


def test_get_on_an_action_address_changes_nothing(client, manager, organisation):
    delegate = make_delegate(organisation)

    response = client.get(reverse("lms:delegate_welcome", args=[delegate.pk]))

    assert response.status_code == 405


def test_approving_a_credit_request_spends_a_credit(
    client, manager, organisation, course
):
    account = give_credits(organisation, course, 1)
    delegate = make_delegate(organisation)
    request = CreditRequest.objects.create(delegate=delegate, course=course)

    client.post(
        reverse("lms:credit_request_decide", args=[request.pk]), {"decision": "approve"}
    )

    account.refresh_from_db()
    assert account.balance == 0
    assert Enrolment.objects.filter(delegate=delegate, course=course).exists()


def test_approving_without_credit_shows_why_and_keeps_the_request(
    client, manager, organisation, course
):
    request = CreditRequest.objects.create(
        delegate=make_delegate(organisation), course=course
    )

    response = client.post(
        reverse("lms:credit_request_decide", args=[request.pk]),
        {"decision": "approve"},
        follow=True,
    )

    request.refresh_from_db()
    assert "There is no credit left" in response.content.decode()
    assert request.status == CreditRequest.Status.PENDING


def test_a_licence_holder_adds_a_manager_without_spending_credit(
    client, organisation, course, django_capture_on_commit_callbacks
):
    holder = make_manager(organisation, licence_holder=True)
    client.force_login(holder)
    account = give_credits(organisation, course, 1)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("lms:manager_add"),
            {"first_name": "Aoife", "last_name": "Byrne", "email": "aoife@example.com"},
        )

    manager = User.objects.get(email="aoife@example.com")
    account.refresh_from_db()
    assert manager.is_company_manager and not manager.is_licence_holder
    assert manager.has_perm("lms.manage_delegates", organisation)
    assert account.balance == 1
    assert mail.outbox[-1].to == ["aoife@example.com"]


def test_the_last_licence_holder_cannot_be_removed(client, organisation):
    holder = make_manager(organisation, licence_holder=True)
    client.force_login(holder)

    response = client.post(
        reverse("lms:manager_roles", args=[holder.pk]),
        {"company_manager": "", "licence_holder": ""},
    )

    holder.refresh_from_db()
    assert "must keep at least one licence holder" in response.content.decode()
    assert holder.is_licence_holder
    assert holder.has_perm("lms.manage_managers", organisation)


def test_removing_a_manager_withdraws_their_rights(client, organisation):
    holder = make_manager(organisation, licence_holder=True)
    manager = make_manager(organisation)
    client.force_login(holder)

    client.post(
        reverse("lms:manager_roles", args=[manager.pk]),
        {"company_manager": "", "licence_holder": ""},
    )

    manager = User.objects.get(pk=manager.pk)
    assert not manager.is_active
    assert not manager.has_perm("lms.manage_delegates", organisation)


def test_dashboard_shows_balances_per_course(client, manager, organisation, course):
    give_credits(organisation, course, 7)
    other = make_course(title="Intangible technology transfers", slug="itt")
    give_credits(organisation, other, 2)

    html = client.get(reverse("lms:dashboard")).content.decode()

    assert course.title in html and other.title in html
    assert CreditAccount.objects.filter(organisation=organisation).count() == 2


def test_delegate_list_searches_filters_and_pages(
    client, manager, organisation, course, settings
):
    settings.CREDENCE_PAGE_SIZE = 2
    make_delegate(organisation, first_name="Ada", last_name="Lovelace", course=course)
    passed = make_delegate(
        organisation, first_name="Grace", last_name="Hopper", course=course
    )
    Enrolment.objects.filter(delegate=passed).update(passed=True)
    make_delegate(organisation, first_name="Alan", last_name="Turing")

    by_search = client.get(reverse("lms:delegates"), {"q": "hopp"}).content.decode()
    by_status = client.get(
        reverse("lms:delegates"), {"status": "passed"}
    ).content.decode()
    junk = client.get(reverse("lms:delegates"), {"status": "nonsense", "sort": "x"})

    assert "Hopper" in by_search and "Lovelace" not in by_search
    assert "Hopper" in by_status and "Turing" not in by_status
    assert junk.status_code == 200
