"""The privacy notice: the version in force, earlier versions, footer link."""

import datetime

import pytest
from django.utils import timezone

from privacy.models import current_privacy_notice
from tests.factories import make_privacy_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(home_page):
    today = timezone.localdate()
    old = make_privacy_notice(
        home_page,
        version_label="1.0",
        effective_date=today - datetime.timedelta(days=400),
        body="<p>First words.</p>",
    )
    new = make_privacy_notice(
        home_page,
        version_label="1.1",
        effective_date=today - datetime.timedelta(days=10),
        body="<p>Current words.</p>",
    )
    future = make_privacy_notice(
        home_page,
        version_label="2.0",
        effective_date=today + datetime.timedelta(days=30),
        body="<p>Future words.</p>",
    )
    return old, new, future


def test_the_permanent_address_shows_the_version_in_force(client, notices):
    response = client.get("/privacy/")

    assert response.status_code == 200
    assert b"Current words." in response.content
    assert b"Future words." not in response.content
    assert current_privacy_notice() == notices[1]


def test_an_earlier_version_stays_readable_at_its_own_address(client, notices):
    response = client.get("/privacy/version-1-0/")

    assert response.status_code == 200
    assert b"First words." in response.content
    assert b"earlier version" in response.content


def test_every_page_links_to_the_notice_from_its_footer(client, notices):
    for address in ("/", "/accounts/login/", "/no-such-page/"):
        html = client.get(address).content.decode()
        assert 'href="/privacy/">Privacy notice</a>' in html, address


def test_an_unpublished_draft_is_not_served(client, notices):
    draft = notices[1]
    draft.unpublish()

    assert client.get("/privacy/version-1-1/").status_code == 404
    assert b"First words." in client.get("/privacy/").content
