"""Factories for test data, one per model the tests build."""

import factory
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.demo import seed_home_page
from lms.models import User

#: The password every factory-made account signs in with.
PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    """An active account with a known password."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    title = User.Title.MS
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def ensure_wagtail_baseline():
    """Create the rows Wagtail's data migrations make, where missing."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))


def make_home_page():
    """Return a home page that is the default site's root."""
    ensure_wagtail_baseline()
    home = seed_home_page()
    Site.clear_site_root_paths_cache()
    return home


def make_privacy_notice(home, *, version_label, effective_date, body="<p>Notice.</p>"):
    """Return a published privacy notice version under the privacy index."""
    from privacy.models import PrivacyIndexPage, PrivacyNoticePage

    index = PrivacyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PrivacyIndexPage(title="Privacy", slug="privacy")
        )
    return index.add_child(
        instance=PrivacyNoticePage(
            title="Privacy notice",
            slug="version-" + version_label.replace(".", "-"),
            version_label=version_label,
            effective_date=effective_date,
            body=body,
        )
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A customer organisation."""

    class Meta:
        model = "lms.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n} Ltd")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


def make_manager(organisation, *, licence_holder=False, **kwargs):
    """Return a company manager (or licence holder) with their grants."""
    from lms.permissions import sync_role_permissions

    person = UserFactory(
        organisation=organisation,
        is_company_manager=True,
        is_licence_holder=licence_holder,
        **kwargs,
    )
    sync_role_permissions(person)
    return person


def make_delegate(organisation, course=None, **kwargs):
    """Return a delegate, enrolled on ``course`` (bypassing the ledger)."""
    from lms.models import Enrolment

    person = UserFactory(organisation=organisation, is_delegate=True, **kwargs)
    if course is not None:
        Enrolment.objects.create(delegate=person, course=course)
    return person


def make_provider_staff(**kwargs):
    """Return a member of the provider's training team."""
    from django.contrib.auth.models import Group

    from lms.groups import TRAINING_TEAM

    person = UserFactory(is_staff=True, **kwargs)
    person.groups.add(Group.objects.get(name=TRAINING_TEAM))
    return person


def give_credits(organisation, course, quantity):
    """Return the account after recording a purchase by a superuser."""
    from lms.services.credits import record_purchase

    admin = User.objects.filter(
        is_superuser=True
    ).first() or User.objects.create_superuser(
        "root@credence.example", PASSWORD, first_name="Root", last_name="Admin"
    )
    entry = record_purchase(
        actor=admin,
        organisation=organisation,
        course=course,
        quantity=quantity,
        reference="PO-1",
    )
    return entry.account
