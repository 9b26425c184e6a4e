"""The provider's side in the Wagtail admin: organisations, purchases, the
ledger, balances, and people's roles."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.exceptions import EmailInUse, FirstManagerNeeded, NotPermitted
from lms.models import CreditAccount, CreditEntry, Organisation, User
from lms.permissions import MANAGE_DELEGATES, MANAGE_MANAGERS
from lms.services.credits import allocate_credit, record_purchase
from lms.services.organisations import record_organisation_purchase
from lms.services.people import add_delegate, change_roles
from tests.course_factories import make_course
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    make_delegate,
    make_manager,
    make_provider_staff,
)
from tests.provider_admin_factories import (
    make_customer,
    make_customers,
    make_ledger_entries,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/training/organisations/"
LEDGER = "/admin/training/ledger/"
BALANCES = "/admin/training/balances/"
PEOPLE = "/admin/training/people/"
PURCHASE = "/admin/training/purchases/new/"

FIRST_MANAGER = {
    "title": "Ms",
    "first_name": "Siobhán",
    "last_name": "O'Neill",
    "email": "Siobhan.ONeill@Harbour-Dynamics.example",
}


@pytest.fixture
def course(home_page):
    return make_course()


@pytest.fixture
def staff():
    return make_provider_staff(first_name="Aisha", last_name="Khan")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def adjust_url(account):
    return reverse("lms_admin_adjust_balance", args=[account.pk])


def person_url(person):
    return f"{PEOPLE}edit/{person.pk}/"


def purchase_data(customer, on_course, **overrides):
    data = {
        "organisation": customer.pk,
        "course": on_course.pk,
        "quantity": 25,
        "reference": "INV-2026-0142",
    }
    return {**data, **overrides}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def nothing_written(users_before):
    return (
        not CreditEntry.objects.exists()
        and not CreditAccount.objects.exists()
        and User.objects.count() == users_before
        and not mail.outbox
    )


# Listings load in a fixed number of queries


@pytest.mark.parametrize("url", [ORGANISATIONS, LEDGER, BALANCES, PEOPLE])
def test_training_team_member_sees_each_listing_in_a_fixed_number_of_queries(
    staff_client, course, url, django_assert_max_num_queries
):
    make_customers(course, 5)
    staff_client.get(url)
    with_five = queries_for(staff_client, url)

    make_customers(course, 45)

    with django_assert_max_num_queries(with_five):
        response = staff_client.get(url)
    assert response.status_code == 200


def test_training_team_member_sees_the_ledger_in_a_fixed_number_of_queries(
    staff_client, course, django_assert_max_num_queries
):
    customer = make_customer(course)
    make_ledger_entries(customer, course, 5)
    staff_client.get(LEDGER)
    with_five = queries_for(staff_client, LEDGER)

    make_ledger_entries(customer, course, 45)

    with django_assert_max_num_queries(with_five):
        response = staff_client.get(LEDGER)
    assert response.status_code == 200


def test_training_team_member_sees_delegates_managers_and_balances_per_organisation(
    staff_client, course
):
    customer = make_customer(course, name="Harbour Dynamics Ltd", delegates=2)
    make_delegate(customer, is_active=False)
    OrganisationFactory(name="Brand New Optics Ltd")

    response = staff_client.get(ORGANISATIONS)

    counts = {o.name: o.delegate_count for o in response.context["object_list"]}
    html = response.content.decode()
    assert counts == {"Brand New Optics Ltd": 0, "Harbour Dynamics Ltd": 2}
    assert f"{course.title}: 3" in html
    assert "(Licence Holder)" in html
    assert "No manager yet" in html
    assert "No credits bought" in html


def test_training_team_member_sees_the_training_menu(staff_client, course):
    response = staff_client.get("/admin/")

    html = response.content.decode()
    for label in ("Training", "Organisations", "Record a purchase", "Ledger"):
        assert label in html


# Organisations


def test_training_team_member_adds_an_organisation_then_goes_to_its_purchase(
    staff_client, course
):
    response = staff_client.post(
        f"{ORGANISATIONS}create/",
        {"name": "Thornbury Avionics plc", "slug": "thornbury-avionics"},
    )

    organisation = Organisation.objects.get(slug="thornbury-avionics")
    assert response.status_code == 302
    assert response["Location"] == f"{PURCHASE}?organisation={organisation.pk}"
    assert organisation.analytics_opt_in is False


def test_training_team_member_edits_an_organisations_analytics_choice(
    staff_client, course
):
    customer = make_customer(course, name="Kestrel Marine Ltd", slug="kestrel")

    staff_client.post(
        f"{ORGANISATIONS}edit/{customer.pk}/",
        {"name": "Kestrel Marine Ltd", "slug": "kestrel", "analytics_opt_in": "on"},
    )

    customer.refresh_from_db()
    assert customer.analytics_opt_in is True


def test_training_team_member_cannot_delete_an_organisation(staff_client, course):
    customer = make_customer(course)

    response = staff_client.post(f"{ORGANISATIONS}delete/{customer.pk}/")

    assert response.status_code == 404
    assert Organisation.objects.filter(pk=customer.pk).exists()


# Recording purchases


def test_training_team_member_records_a_purchase_for_a_managed_organisation(
    staff_client, staff, course
):
    customer = make_customer(course, credits=3)
    users_before = User.objects.count()

    response = staff_client.post(PURCHASE, purchase_data(customer, course))

    account = CreditAccount.objects.get(organisation=customer, course=course)
    entry = CreditEntry.objects.filter(account=account).first()
    assert response.status_code == 302
    assert response["Location"].startswith(LEDGER)
    assert account.balance == 28
    assert (entry.kind, entry.quantity) == ("purchase", 25)
    assert (entry.reference, entry.created_by) == ("INV-2026-0142", staff)
    assert User.objects.count() == users_before
    assert not mail.outbox


def test_training_team_members_first_purchase_creates_the_first_manager(
    staff_client, course, django_capture_on_commit_callbacks
):
    customer = OrganisationFactory(name="Harbour Dynamics Ltd")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            PURCHASE, purchase_data(customer, course, **FIRST_MANAGER)
        )

    manager = User.objects.get(email="siobhan.oneill@harbour-dynamics.example")
    account = CreditAccount.objects.get(organisation=customer, course=course)
    assert response.status_code == 302
    assert account.balance == 25
    assert manager.organisation == customer
    assert manager.is_company_manager and manager.is_licence_holder
    assert not manager.is_delegate and not manager.has_usable_password()
    assert manager.has_perm(MANAGE_DELEGATES, customer)
    assert manager.has_perm(MANAGE_MANAGERS, customer)
    assert len(mail.outbox) == 1
    welcome = mail.outbox[0]
    assert welcome.to == [manager.email]
    assert "Aisha Khan of the Credence training team" in welcome.body
    assert "Licence Holder for Harbour Dynamics Ltd" in welcome.body
    assert "/accounts/welcome/" in welcome.body


def test_training_team_member_is_shown_the_new_manager_in_the_ledger_message(
    staff_client, course, django_capture_on_commit_callbacks
):
    customer = OrganisationFactory(name="Harbour Dynamics Ltd")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            PURCHASE, purchase_data(customer, course, **FIRST_MANAGER), follow=True
        )

    html = response.content.decode()
    assert "Harbour Dynamics Ltd" in html
    assert "INV-2026-0142" in html
    assert "Company Manager and Licence Holder" in html


def test_training_team_member_sees_which_organisations_need_a_first_manager(
    staff_client, course
):
    OrganisationFactory(name="Harbour Dynamics Ltd")
    make_customer(course, name="Kestrel Marine Ltd")

    response = staff_client.get(PURCHASE)

    html = response.content.decode()
    assert "Harbour Dynamics Ltd (no manager yet)" in html
    assert "Kestrel Marine Ltd (no manager yet)" not in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"quantity": 0}, "quantity", "Enter at least 1 credit."),
        ({"quantity": -5}, "quantity", "Enter at least 1 credit."),
        ({"quantity": 10_001}, "quantity", "at most 10,000 credits"),
        ({"quantity": "ten"}, "quantity", "Enter a whole number."),
        ({"reference": ""}, "reference", "This field is required."),
        ({"reference": "   "}, "reference", "This field is required."),
        ({"course": ""}, "course", "This field is required."),
        ({"organisation": 999_999}, "organisation", "Select a valid choice."),
    ],
)
def test_training_team_members_bad_purchase_is_refused_and_writes_nothing(
    staff_client, course, overrides, field, message
):
    customer = OrganisationFactory()
    make_manager(customer, licence_holder=True)
    users_before = User.objects.count()

    response = staff_client.post(PURCHASE, purchase_data(customer, course, **overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved" in response.content.decode()
    assert nothing_written(users_before)


def test_training_team_member_cannot_buy_credits_for_an_unpublished_course(
    staff_client, course
):
    customer = OrganisationFactory()
    make_manager(customer, licence_holder=True)
    draft = make_course(title="Dual-use goods in depth", slug="dual-use")
    draft.unpublish()
    users_before = User.objects.count()

    response = staff_client.post(PURCHASE, purchase_data(customer, draft))

    assert "Select a valid choice." in response.context["form"].errors["course"][0]
    assert nothing_written(users_before)


@pytest.mark.parametrize("missing", ["title", "first_name", "last_name", "email"])
def test_training_team_member_must_give_every_first_manager_detail(
    staff_client, course, missing
):
    customer = OrganisationFactory(name="Harbour Dynamics Ltd")
    users_before = User.objects.count()
    details = {**FIRST_MANAGER, missing: ""}

    response = staff_client.post(PURCHASE, purchase_data(customer, course, **details))

    errors = response.context["form"].errors[missing]
    assert "Harbour Dynamics Ltd has no manager yet" in errors[0]
    assert nothing_written(users_before)


def test_training_team_member_cannot_skip_the_first_manager_of_a_new_organisation(
    staff_client, course
):
    customer = OrganisationFactory(name="Harbour Dynamics Ltd")
    users_before = User.objects.count()

    response = staff_client.post(PURCHASE, purchase_data(customer, course))

    assert set(response.context["form"].errors) == set(FIRST_MANAGER)
    assert nothing_written(users_before)


@pytest.mark.parametrize(
    "owner",
    ["another organisation's delegate", "the provider's own staff"],
)
def test_training_team_member_cannot_reuse_an_email_of_any_account(
    staff_client, course, owner
):
    email = "siobhan.oneill@harbour-dynamics.example"
    if owner == "the provider's own staff":
        make_provider_staff(email=email)
    else:
        make_delegate(OrganisationFactory(), email=email)
    customer = OrganisationFactory()
    users_before = User.objects.count()

    response = staff_client.post(
        PURCHASE, purchase_data(customer, course, **FIRST_MANAGER)
    )

    errors = response.context["form"].errors["email"]
    assert "already used by another Credence account" in errors[0]
    assert nothing_written(users_before)


def test_training_team_member_cannot_add_a_first_manager_to_a_managed_organisation(
    staff_client, course
):
    customer = OrganisationFactory(name="Kestrel Marine Ltd")
    make_manager(customer)
    users_before = User.objects.count()

    response = staff_client.post(
        PURCHASE, purchase_data(customer, course, **FIRST_MANAGER)
    )

    errors = response.context["form"].non_field_errors()
    assert "Kestrel Marine Ltd already has a Company Manager" in errors[0]
    assert nothing_written(users_before)


def test_training_team_members_purchase_is_undone_if_the_email_is_taken(course):
    staff = make_provider_staff()
    customer = OrganisationFactory()
    UserFactory(email=FIRST_MANAGER["email"].lower())
    users_before = User.objects.count()

    with pytest.raises(EmailInUse):
        record_organisation_purchase(
            actor=staff,
            organisation=customer,
            course=course,
            quantity=10,
            reference="INV-1",
            first_manager=FIRST_MANAGER,
        )

    assert nothing_written(users_before)


def test_training_team_member_gets_no_purchase_for_an_unmanaged_organisation(
    course,
):
    staff = make_provider_staff()
    customer = OrganisationFactory()

    with pytest.raises(FirstManagerNeeded):
        record_organisation_purchase(
            actor=staff,
            organisation=customer,
            course=course,
            quantity=10,
            reference="INV-1",
        )

    assert not CreditEntry.objects.exists()


def test_training_team_member_finds_the_purchase_form_filled_in_from_a_balance(
    staff_client, course
):
    customer = make_customer(course)

    response = staff_client.get(
        f"{PURCHASE}?organisation={customer.pk}&course={course.pk}"
    )

    form = response.context["form"]
    assert form.initial == {"organisation": customer.pk, "course": course.pk}


# The ledger


def test_training_team_member_downloads_the_ledger_as_csv(staff_client, course):
    customer = make_customer(course, name="Harbour Dynamics Ltd", credits=7)
    make_customer(course, name="Kestrel Marine Ltd", credits=2)
    delegate = make_delegate(customer, first_name="Łukasz", last_name="Żółć")
    manager = customer.people.filter(is_licence_holder=True).get()

    allocate_credit(actor=manager, delegate=delegate, course=course)

    response = staff_client.get(
        f"{LEDGER}?export=csv&account__organisation__id__exact={customer.pk}"
    )

    rows = csv_rows(response)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert rows[0] == [
        "Time (UK)",
        "Organisation",
        "Course",
        "Kind",
        "Credits",
        "Delegate",
        "Reference",
        "Reason",
        "Recorded by",
    ]
    assert [row[3:6] for row in rows[1:]] == [
        ["Allocation to a delegate", "-1", "Ms Łukasz Żółć"],
        ["Purchase", "7", ""],
    ]
    assert {row[1] for row in rows[1:]} == {"Harbour Dynamics Ltd"}


def test_training_team_members_csv_never_carries_a_spreadsheet_formula(
    staff_client, staff, course
):
    customer = OrganisationFactory()
    make_manager(customer)

    record_purchase(
        actor=staff,
        organisation=customer,
        course=course,
        quantity=1,
        reference='=HYPERLINK("http://attacker.example")',
    )

    rows = csv_rows(staff_client.get(f"{LEDGER}?export=csv"))

    assert rows[1][6] == '\'=HYPERLINK("http://attacker.example")'


def test_training_team_member_filters_the_ledger_by_kind_course_and_month(
    staff_client, course
):
    customer = make_customer(course)
    make_ledger_entries(customer, course, 2)
    month = CreditEntry.objects.first().created_at

    by_kind = staff_client.get(f"{LEDGER}?kind=adjustment")
    by_course = staff_client.get(f"{LEDGER}?account__course__id__exact={course.pk}")
    by_month = staff_client.get(f"{LEDGER}?month={month:%Y-%m}")
    other_month = staff_client.get(f"{LEDGER}?month=2001-01")
    nonsense = [staff_client.get(f"{LEDGER}?month={m}") for m in ("9999-12", "May")]

    assert by_kind.context["result_count"] == 2
    assert by_course.context["result_count"] == 3
    assert by_month.context["result_count"] == 3
    assert other_month.context["result_count"] == 0
    assert [page.context["result_count"] for page in nonsense] == [0, 0]


@pytest.mark.parametrize(
    "url",
    [
        f"{LEDGER}create/",
        f"{LEDGER}edit/1/",
        f"{LEDGER}delete/1/",
        f"{LEDGER}inspect/1/",
        f"{BALANCES}create/",
        f"{BALANCES}edit/1/",
        f"{BALANCES}delete/1/",
        f"{PEOPLE}create/",
        f"{PEOPLE}delete/1/",
    ],
)
def test_training_team_member_finds_no_address_to_change_the_ledger(
    staff_client, course, url
):
    make_customer(course)

    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url).status_code == 404
    assert CreditEntry.objects.count() == 1


def test_training_team_member_sees_no_add_edit_or_delete_button_in_the_ledger(
    staff_client, course
):
    make_customer(course)

    html = staff_client.get(LEDGER).content.decode()

    assert "Add credit entry" not in html
    assert "/edit/" not in html
    assert "/delete/" not in html


# Balances and adjustments


def test_training_team_member_adjusts_a_balance_with_a_reason(
    staff_client, staff, course
):
    customer = make_customer(course, credits=4)
    account = CreditAccount.objects.get(organisation=customer)

    response = staff_client.post(
        adjust_url(account), {"quantity": -3, "reason": "Duplicate invoice 0142"}
    )

    account.refresh_from_db()
    entry = account.entries.first()
    assert response.status_code == 302
    assert account.balance == 1
    assert (entry.kind, entry.quantity, entry.created_by) == ("adjustment", -3, staff)
    assert entry.reason == "Duplicate invoice 0142"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": -5, "reason": "Refund"}, "would leave it below zero"),
        ({"quantity": 0, "reason": "Nothing"}, "other than 0"),
        ({"quantity": 2, "reason": ""}, "This field is required."),
        ({"quantity": 20_000, "reason": "Typo"}, "Add at most 10,000 credits"),
    ],
)
def test_training_team_members_bad_adjustment_is_refused_and_changes_nothing(
    staff_client, course, data, message
):
    customer = make_customer(course, credits=4)
    account = CreditAccount.objects.get(organisation=customer)

    response = staff_client.post(adjust_url(account), data)

    account.refresh_from_db()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert account.balance == 4
    assert account.entries.count() == 1


def test_training_team_member_sees_adjust_and_purchase_buttons_per_balance(
    staff_client, course
):
    customer = make_customer(course)
    account = CreditAccount.objects.get(organisation=customer)

    html = staff_client.get(BALANCES).content.decode()

    assert adjust_url(account) in html
    assert f"{PURCHASE}?organisation={customer.pk}&amp;course={course.pk}" in html


# People and roles


def roles(**flags):
    data = {
        "is_licence_holder": False,
        "is_company_manager": False,
        "is_delegate": False,
        "disabled": False,
    }
    data.update(flags)
    return {key: "on" for key, value in data.items() if value}


def test_training_team_member_cannot_remove_the_last_licence_holder(
    staff_client, course
):
    customer = OrganisationFactory()
    holder = make_manager(customer, licence_holder=True)

    response = staff_client.post(person_url(holder), roles(is_company_manager=True))

    holder.refresh_from_db()
    assert response.status_code == 200
    assert "must keep at least one licence holder" in response.content.decode()
    assert holder.is_licence_holder
    assert holder.has_perm(MANAGE_MANAGERS, customer)


def test_training_team_member_cannot_disable_the_last_licence_holder(
    staff_client, course
):
    customer = OrganisationFactory()
    holder = make_manager(customer, licence_holder=True)

    response = staff_client.post(
        person_url(holder),
        roles(is_licence_holder=True, is_company_manager=True, disabled=True),
    )

    holder.refresh_from_db()
    assert "must keep at least one licence holder" in response.content.decode()
    assert holder.is_active and holder.disabled_at is None


def test_training_team_member_moves_the_licence_to_another_manager(
    staff_client, course
):
    customer = OrganisationFactory()
    holder = make_manager(customer, licence_holder=True)
    manager = make_manager(customer)

    staff_client.post(
        person_url(manager), roles(is_licence_holder=True, is_company_manager=True)
    )
    response = staff_client.post(person_url(holder), roles(is_company_manager=True))

    holder.refresh_from_db()
    manager.refresh_from_db()
    assert response.status_code == 302
    assert manager.is_licence_holder and manager.has_perm(MANAGE_MANAGERS, customer)
    assert not holder.is_licence_holder
    assert not holder.has_perm(MANAGE_MANAGERS, customer)
    assert holder.has_perm(MANAGE_DELEGATES, customer)


def test_training_team_member_takes_the_delegate_role_and_its_unused_credit(
    staff_client, course
):
    customer = make_customer(course, credits=2, delegates=0)
    manager = customer.people.filter(is_licence_holder=True).get()
    delegate = make_delegate(customer)

    allocate_credit(actor=manager, delegate=delegate, course=course)

    response = staff_client.post(person_url(delegate), roles(), follow=True)

    delegate.refresh_from_db()
    account = CreditAccount.objects.get(organisation=customer)
    assert not delegate.is_delegate and not delegate.is_active
    assert account.balance == 2
    assert "1 unused credit returned" in response.content.decode()


def test_training_team_member_disables_and_enables_a_managers_account(
    staff_client, course
):
    customer = OrganisationFactory()
    make_manager(customer, licence_holder=True)
    manager = make_manager(customer)

    staff_client.post(
        person_url(manager), roles(is_company_manager=True, disabled=True)
    )
    manager.refresh_from_db()
    disabled = (manager.is_active, manager.disabled_at is not None)
    had_rights = manager.has_perm(MANAGE_DELEGATES, customer)
    staff_client.post(person_url(manager), roles(is_company_manager=True))

    manager = User.objects.get(pk=manager.pk)
    assert disabled == (False, True)
    assert not had_rights
    assert manager.is_active and manager.disabled_at is None
    assert manager.has_perm(MANAGE_DELEGATES, customer)


def test_training_team_member_cannot_change_names_or_emails_in_the_role_form(
    staff_client, course
):
    customer = OrganisationFactory()
    make_manager(customer, licence_holder=True)
    delegate = make_delegate(customer, first_name="Ewa", email="ewa@example.com")

    staff_client.post(
        person_url(delegate),
        {**roles(is_delegate=True), "first_name": "Eve", "email": "x@example.com"},
    )

    delegate.refresh_from_db()
    assert (delegate.first_name, delegate.email) == ("Ewa", "ewa@example.com")


def test_training_team_member_finds_people_by_name_role_and_organisation(
    staff_client, course
):
    customer = OrganisationFactory()
    make_manager(customer, licence_holder=True, last_name="O'Neill")
    make_delegate(customer, last_name="Żółć")
    make_delegate(OrganisationFactory(), last_name="Żółć")

    by_name = staff_client.get(f"{PEOPLE}?q=Żółć")
    by_role = staff_client.get(f"{PEOPLE}?role=licence_holder")
    by_both = staff_client.get(f"{PEOPLE}?q=Żółć&organisation__id__exact={customer.pk}")

    assert by_name.context["result_count"] == 2
    assert by_role.context["result_count"] == 1
    assert by_both.context["result_count"] == 1


def test_training_team_member_sees_no_provider_staff_among_people(
    staff_client, staff, course
):
    make_customer(course)

    listing = staff_client.get(PEOPLE)
    edit = staff_client.get(person_url(staff))

    assert staff.email not in listing.content.decode()
    assert edit.status_code == 404


# Who gets in


def customer_role(role, organisation):
    if role == "delegate":
        return make_delegate(organisation, details_confirmed_at=timezone.now())
    if role == "company manager":
        return make_manager(organisation)
    return make_manager(organisation, licence_holder=True)


@pytest.fixture
def two_customers(course):
    own = make_customer(course, name="Own Organisation Ltd")
    other = make_customer(course, name="Other Organisation Ltd")
    return own, other


def admin_urls(organisation, course):
    account = CreditAccount.objects.get(organisation=organisation)
    person = organisation.people.filter(is_delegate=True).first()
    return [
        "/admin/",
        ORGANISATIONS,
        f"{ORGANISATIONS}create/",
        f"{ORGANISATIONS}edit/{organisation.pk}/",
        f"{ORGANISATIONS}history/{organisation.pk}/",
        PURCHASE,
        f"{PURCHASE}?organisation={organisation.pk}",
        LEDGER,
        f"{LEDGER}?export=csv",
        BALANCES,
        adjust_url(account),
        PEOPLE,
        person_url(person),
    ]


@pytest.mark.parametrize(
    "role", ["anonymous", "delegate", "company manager", "licence holder"]
)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_customers_get_no_admin_screen_for_any_organisation(
    client, course, two_customers, role, whose
):
    own, other = two_customers
    if role != "anonymous":
        client.force_login(customer_role(role, own))
    target = own if whose == "own" else other

    responses = {url: client.get(url) for url in admin_urls(target, course)}

    for url, response in responses.items():
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), url


@pytest.mark.parametrize("role", ["company manager", "licence holder"])
def test_customers_posting_to_admin_forms_change_nothing(
    client, course, two_customers, role
):
    own, _ = two_customers
    actor = customer_role(role, own)
    client.force_login(actor)
    account = CreditAccount.objects.get(organisation=own)
    delegate = own.people.filter(is_delegate=True).first()
    entries_before = CreditEntry.objects.count()

    client.post(PURCHASE, purchase_data(own, course))
    client.post(adjust_url(account), {"quantity": 50, "reason": "Free credits"})
    client.post(person_url(delegate), roles())
    client.post(f"{ORGANISATIONS}edit/{own.pk}/", {"name": "Renamed", "slug": "x"})

    account.refresh_from_db()
    delegate.refresh_from_db()
    own.refresh_from_db()
    assert CreditEntry.objects.count() == entries_before
    assert account.balance == 3
    assert delegate.is_delegate
    assert own.name == "Own Organisation Ltd"


def test_staff_outside_the_training_team_get_no_training_screen(client, course):
    editors = Group.objects.create(name="Page editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory(is_staff=True)
    editor.groups.add(editors)
    client.force_login(editor)
    customer = make_customer(course)

    responses = [client.get(url) for url in admin_urls(customer, course)[1:]]
    dashboard = client.get("/admin/").content.decode()

    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert {(r.status_code, r.get("Location")) for r in responses} == {(302, "/admin/")}
    assert "Record a purchase" not in dashboard


def test_superuser_records_a_purchase(client, course):
    admin = User.objects.create_superuser(
        "root@credence.example", "a-long-test-passphrase", first_name="R", last_name="A"
    )
    client.force_login(admin)
    customer = make_customer(course, credits=0)

    client.post(PURCHASE, purchase_data(customer, course))

    assert CreditAccount.objects.get(organisation=customer).balance == 25


def test_a_licence_holder_cannot_change_roles_through_the_operation(course):
    customer = OrganisationFactory()
    holder = make_manager(customer, licence_holder=True)
    delegate = make_delegate(customer)

    with pytest.raises(NotPermitted):
        change_roles(
            actor=holder,
            person=delegate,
            delegate=True,
            company_manager=False,
            licence_holder=False,
            disabled=True,
        )

    delegate.refresh_from_db()
    assert delegate.is_active and delegate.disabled_at is None


# The welcome email


def test_a_licence_holders_delegate_is_welcomed_in_the_holders_name(
    course, django_capture_on_commit_callbacks
):
    customer = make_customer(course, name="Kestrel Marine Ltd")
    holder = customer.people.get(is_licence_holder=True)

    with django_capture_on_commit_callbacks(execute=True):
        add_delegate(
            actor=holder,
            organisation=customer,
            course=course,
            title="Mr",
            first_name="Łukasz",
            last_name="Żółć",
            email="lukasz@kestrel.example",
        )

    body = mail.outbox[0].body
    assert f"{holder.get_full_name()} of Kestrel Marine Ltd has set up" in body
    assert "ask your company manager" in body
