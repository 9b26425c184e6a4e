"""The manager portal's pages for a person's details and change requests,
for every role, against their own and another organisation's people."""

import pytest

from lms.models import ChangeRequest
from lms.services import identity
from privacy.models import IdentityChange
from tests.factories import make_provider_staff
from tests.identity_factories import Setting, lock_by_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    setting = Setting(home_page)
    lock_by_assessment(setting.delegate, setting.course)
    setting.request = identity.request_change(
        person=setting.delegate,
        title="Ms",
        first_name="Siobhán",
        last_name="Byrne",
        email=setting.delegate.email,
        reason="Married.",
    )
    return setting


def details_of(person, **changes):
    data = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
    }
    data.update(changes)
    return data


def viewer(world, who):
    return {
        "company manager": world.manager,
        "licence holder": world.licence_holder,
        "delegate": world.delegate,
        "provider staff": make_provider_staff(),
        "other manager": world.other_manager,
    }[who]


def test_anonymous_visitor_is_sent_to_sign_in_from_the_portal_pages(client, world):
    for address in (
        f"/manage/people/{world.delegate.pk}/details/",
        "/manage/change-requests/",
    ):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("company manager", 200),
        ("licence holder", 200),
        ("delegate", 404),
        ("provider staff", 404),
        ("other manager", 404),
    ],
)
def test_each_role_on_the_person_details_page_of_a_delegate(client, world, who, status):
    client.force_login(viewer(world, who))

    response = client.get(f"/manage/people/{world.delegate.pk}/details/")

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("company manager", True),
        ("licence holder", True),
        ("other manager", False),
    ],
)
def test_each_manager_sees_only_their_organisations_change_requests(
    client, world, who, sees
):
    client.force_login(viewer(world, who))

    html = client.get("/manage/change-requests/").content.decode()

    assert ("Siobhán" in html) is sees


@pytest.mark.parametrize("who", ["delegate", "provider staff"])
def test_delegate_and_provider_staff_get_404_from_change_requests(client, world, who):
    client.force_login(viewer(world, who))

    assert client.get("/manage/change-requests/").status_code == 404


def test_company_manager_edits_a_delegate_and_the_change_is_audited(client, world):
    client.force_login(world.manager)

    response = client.post(
        f"/manage/people/{world.delegate.pk}/details/",
        details_of(world.delegate, first_name="Siobhan"),
        follow=True,
    )

    assert "details are saved" in response.content.decode()
    world.delegate.refresh_from_db()
    assert world.delegate.first_name == "Siobhan"
    entry = IdentityChange.objects.get(user=world.delegate)
    assert (entry.route, entry.changed_by) == ("manager", world.manager)


def test_company_manager_posting_for_another_organisations_person_gets_404(
    client, world
):
    client.force_login(world.manager)

    response = client.post(
        f"/manage/people/{world.other_delegate.pk}/details/",
        details_of(world.other_delegate, first_name="Mallory"),
    )

    assert response.status_code == 404
    world.other_delegate.refresh_from_db()
    assert world.other_delegate.first_name != "Mallory"


def test_company_manager_is_told_they_cannot_change_the_licence_holder(client, world):
    client.force_login(world.manager)

    response = client.post(
        f"/manage/people/{world.licence_holder.pk}/details/",
        details_of(world.licence_holder, email="takeover@example.com"),
    )

    assert "do not have permission" in response.content.decode()
    world.licence_holder.refresh_from_db()
    assert world.licence_holder.email != "takeover@example.com"


def test_manager_sees_their_own_account_cannot_be_edited_in_the_portal(client, world):
    client.force_login(world.manager)

    html = client.get(f"/manage/people/{world.manager.pk}/details/").content.decode()

    assert "This is your own account" in html
    assert 'name="first_name"' not in html


def test_company_manager_approves_a_change_request(client, world):
    client.force_login(world.manager)
    prefix = f"r{world.request.pk}"

    response = client.post(
        "/manage/change-requests/",
        {"change_request": world.request.pk, f"{prefix}-decision": "approve"},
        follow=True,
    )

    assert "You approved" in response.content.decode()
    world.delegate.refresh_from_db()
    assert world.delegate.last_name == "Byrne"
    assert ChangeRequest.objects.get().status == "approved"


def test_company_manager_rejecting_without_a_reason_is_told_to_give_one(client, world):
    client.force_login(world.manager)
    prefix = f"r{world.request.pk}"

    response = client.post(
        "/manage/change-requests/",
        {"change_request": world.request.pk, f"{prefix}-decision": "reject"},
    )

    assert "Say why you are rejecting the request" in response.content.decode()
    assert ChangeRequest.objects.get().status == "pending"


def test_licence_holder_rejects_with_a_reason(client, world):
    client.force_login(world.licence_holder)
    prefix = f"r{world.request.pk}"

    client.post(
        "/manage/change-requests/",
        {
            "change_request": world.request.pk,
            f"{prefix}-decision": "reject",
            f"{prefix}-reason": "Please send evidence.",
        },
    )

    request = ChangeRequest.objects.get()
    assert (request.status, request.decision_reason) == (
        "rejected",
        "Please send evidence.",
    )


def test_manager_of_another_organisation_deciding_gets_404(client, world):
    client.force_login(world.other_manager)
    prefix = f"r{world.request.pk}"

    response = client.post(
        "/manage/change-requests/",
        {"change_request": world.request.pk, f"{prefix}-decision": "approve"},
    )

    assert response.status_code == 404
    assert ChangeRequest.objects.get().status == "pending"


def test_company_manager_finds_change_requests_in_the_portal_navigation(client, world):
    client.force_login(world.manager)

    html = client.get("/manage/").content.decode()

    assert 'href="/manage/change-requests/"' in html
