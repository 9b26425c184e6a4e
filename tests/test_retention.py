"""Retention: personal data is removed once its period is over, and not
before."""

import datetime
import uuid

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from lms.models import DelegateImport, PendingEmailChange
from privacy.models import IdentityChange
from privacy.registry import retention_rules
from privacy.services import apply_retention
from tests.factories import make_delegate, make_manager

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _aged(model, pk, **fields):
    """Backdate a row past what auto_now_add allows."""
    model.objects.filter(pk=pk).update(**fields)


def test_each_rule_removes_only_what_has_outlived_its_period(organisation, course):
    now = timezone.now()
    manager = make_manager(organisation)
    person = make_delegate(organisation)
    imports = [
        DelegateImport.objects.create(
            organisation=organisation, course=course, uploaded_by=manager, rows=[]
        )
        for _ in range(2)
    ]
    _aged(DelegateImport, imports[0].pk, created_at=now - 2 * DAY)
    attempts = [
        AccessAttempt.objects.create(
            username=person.email, ip_address=f"127.0.0.{n}", failures_since_start=1
        )
        for n in range(2)
    ]
    _aged(AccessAttempt, attempts[0].pk, attempt_time=now - 91 * DAY)
    links = [
        PendingEmailChange.objects.create(
            person=person,
            new_email=f"new{n}@example.com",
            token_hash=f"{n}" * 64,
            route="delegate",
            batch=uuid.uuid4(),
            expires_at=expires,
        )
        for n, expires in enumerate([now - 31 * DAY, now - 29 * DAY])
    ]
    changes = [
        IdentityChange.objects.create(
            user=person,
            field="last_name",
            old_value="Old",
            new_value="New",
            route="manager",
            created_at=when,
        )
        for when in (now - 7 * 365 * DAY, now - 5 * 365 * DAY)
    ]

    results = {rule.name: removed for rule, removed in apply_retention(now=now)}

    assert results["delegate_imports"] == 1
    assert results["sign_in_records"] == 1
    assert results["email_change_links"] == 1
    assert results["identity_changes"] == 1
    assert list(DelegateImport.objects.all()) == [imports[1]]
    assert list(AccessAttempt.objects.all()) == [attempts[1]]
    assert list(PendingEmailChange.objects.all()) == [links[1]]
    assert list(IdentityChange.objects.all()) == [changes[1]]


def test_the_periods_match_the_privacy_notice():
    periods = {rule.name: rule.keep for rule in retention_rules()}

    assert periods["sign_in_records"] == 90 * DAY
    assert periods["sent_emails"] == 365 * DAY
    assert periods["identity_changes"] >= 6 * 365 * DAY


def test_the_command_reports_every_rule(capsys):
    call_command("apply_retention")

    output = capsys.readouterr().out
    for rule in retention_rules():
        assert rule.name in output
