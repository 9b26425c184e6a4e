"""The demo data command: safe to run twice, and never by accident live."""

import pytest
from django.core.management import CommandError, call_command

from lms.models import CreditEntry, Enrolment, Organisation, User
from lms.services.credits import balance_from_ledger
from tests.factories import ensure_wagtail_baseline

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Enrolment.objects.count(),
        CreditEntry.objects.count(),
    )


def test_seeding_twice_changes_nothing_the_second_time(capsys):
    ensure_wagtail_baseline()
    call_command("seed_demo", force=True)
    first = _counts()

    call_command("seed_demo", force=True)

    assert _counts() == first
    assert "admin@credence.example" in capsys.readouterr().out


def test_demo_shows_delegates_in_every_state():
    ensure_wagtail_baseline()

    call_command("seed_demo", force=True)

    harwell = Organisation.objects.get(slug="harwell-precision")
    enrolments = Enrolment.objects.filter(delegate__organisation=harwell)
    assert {e.status for e in enrolments} >= {"enrolled", "passed", "failed", "locked"}
    assert User.objects.filter(organisation=harwell, last_login__isnull=True).exists()
    assert User.objects.filter(organisation=harwell, is_active=False).exists()
    for account in harwell.credit_accounts.all():
        assert account.balance == balance_from_ledger(account)


def test_seeding_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("seed_demo")
