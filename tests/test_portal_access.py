"""Who may open each manager-portal address, against their own and another
organisation's records."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import CreditRequest, DelegateImport, Enrolment
from tests.course_factories import make_course
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    give_credits,
    make_delegate,
    make_manager,
    make_provider_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    """Two organisations, A and B, each with people in every role."""
    course = make_course()
    built = {"course": course}
    for key in ("a", "b"):
        organisation = OrganisationFactory()
        give_credits(organisation, course, 3)
        delegate = make_delegate(
            organisation, course=course, details_confirmed_at=timezone.now()
        )
        holder = make_manager(organisation, licence_holder=True)
        built[key] = {
            "organisation": organisation,
            "delegate": delegate,
            "manager": make_manager(organisation),
            "holder": holder,
            "enrolment": Enrolment.objects.get(delegate=delegate),
            "credit_request": CreditRequest.objects.create(
                delegate=delegate, course=course
            ),
            "import": DelegateImport.objects.create(
                organisation=organisation, course=course, uploaded_by=holder, rows=[]
            ),
        }
    built["staff"] = make_provider_staff()
    return built


def _addresses(side):
    """Return (method, url, needs licence holder) for every portal address,
    pointing at ``side``'s records where the address names one."""
    delegate, enrolment = side["delegate"].pk, side["enrolment"].pk
    return [
        ("get", reverse("lms:dashboard"), False),
        ("get", reverse("lms:delegates"), False),
        ("get", reverse("lms:delegate_add"), False),
        ("get", reverse("lms:import_delegates"), False),
        ("get", reverse("lms:credit_requests"), False),
        ("get", reverse("lms:delegate", args=[delegate]), False),
        ("get", reverse("lms:delegate_remove", args=[delegate]), False),
        ("post", reverse("lms:delegate_welcome", args=[delegate]), False),
        ("post", reverse("lms:delegate_remind", args=[delegate]), False),
        ("post", reverse("lms:delegate_enrol", args=[delegate]), False),
        ("post", reverse("lms:delegate_unlock", args=[delegate, enrolment]), False),
        ("get", reverse("lms:import_preview", args=[side["import"].pk]), True),
        ("post", reverse("lms:import_preview", args=[side["import"].pk]), True),
        (
            "post",
            reverse("lms:credit_request_decide", args=[side["credit_request"].pk]),
            False,
        ),
        ("get", reverse("lms:managers"), True),
        ("get", reverse("lms:manager_add"), True),
        ("get", reverse("lms:manager_roles", args=[side["manager"].pk]), True),
        ("post", reverse("lms:manager_roles", args=[side["manager"].pk]), True),
        # Last, as it ends the delegate's place.
        ("post", reverse("lms:delegate_remove", args=[delegate]), False),
    ]


NAMES_OWN_RECORD = ("/delegates/", "/import/", "/credit-requests/", "/managers/")


def _names_a_record(url):
    return any(part in url for part in NAMES_OWN_RECORD) and any(
        c.isdigit() for c in url
    )


@pytest.mark.parametrize("role", ["manager", "holder"])
def test_managers_reach_their_own_organisation(client, world, role):
    client.force_login(world["a"][role])

    for method, url, holder_only in _addresses(world["a"]):
        status = getattr(client, method)(url).status_code

        if holder_only and role == "manager":
            assert status == 404, (method, url)
        else:
            assert status in (200, 302), (method, url, status)


@pytest.mark.parametrize("role", ["manager", "holder"])
def test_managers_get_404_for_another_organisations_records(client, world, role):
    client.force_login(world["b"][role])

    for method, url, _ in _addresses(world["a"]):
        if not _names_a_record(url):
            continue
        assert getattr(client, method)(url).status_code == 404, (method, url)

    world["a"]["delegate"].refresh_from_db()
    assert world["a"]["delegate"].is_active
    assert Enrolment.objects.filter(pk=world["a"]["enrolment"].pk).exists()
    assert (
        world["a"]["credit_request"]
        .__class__.objects.get(pk=world["a"]["credit_request"].pk)
        .status
        == CreditRequest.Status.PENDING
    )


def test_lists_never_show_another_organisations_people(client, world):
    client.force_login(world["b"]["holder"])

    pages = [
        client.get(reverse(name)).content.decode()
        for name in ("lms:delegates", "lms:managers", "lms:credit_requests")
    ]

    for person in ("delegate", "manager", "holder"):
        assert all(world["a"][person].email not in page for page in pages)
    assert world["b"]["delegate"].email in pages[0]


@pytest.mark.parametrize("who", ["delegate", "staff", "stranger"])
def test_people_who_manage_no_organisation_get_404(client, world, who):
    user = {
        "delegate": world["a"]["delegate"],
        "staff": world["staff"],
        "stranger": UserFactory(),
    }[who]
    client.force_login(user)

    for method, url, _ in _addresses(world["a"]):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for method, url, _ in _addresses(world["a"]):
        response = getattr(client, method)(url)

        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("login"))


def test_portal_pages_are_never_cached(client, world):
    client.force_login(world["a"]["holder"])

    response = client.get(reverse("lms:delegates"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
