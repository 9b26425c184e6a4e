"""Fixtures shared by every test module."""

import pytest
from wagtail.models import Site

from tests.course_factories import make_course
from tests.factories import OrganisationFactory, make_home_page


@pytest.fixture(autouse=True)
def _clear_wagtail_site_cache():
    """Forget Wagtail's cached site roots: each test builds its own tree."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def home_page(db):
    """Return the site's home page, set as the default site's root."""
    return make_home_page()


@pytest.fixture
def course(home_page):
    """Return a published course of two modules of three lessons each."""
    return make_course(home_page)


@pytest.fixture
def organisation(db):
    """Return a customer organisation."""
    return OrganisationFactory(name="Harwell Precision Engineering Ltd")
