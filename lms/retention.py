"""How long the training service keeps personal data it holds only for a
while; registered with privacy, which applies the periods."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django_tasks_db.models import DBTaskResult

from lms.models import DelegateImport, PendingEmailChange
from lms.tasks import deliver_email
from privacy.registry import register_retention


def purge_delegate_imports(cutoff):
    """Delete CSV uploads (their rows hold names and emails) made before
    ``cutoff``, confirmed or not: confirmed ones live on as accounts."""
    removed, _ = DelegateImport.objects.filter(created_at__lt=cutoff).delete()
    return removed


def purge_email_changes(cutoff):
    """Delete email-change links that expired before ``cutoff``."""
    removed, _ = PendingEmailChange.objects.filter(expires_at__lt=cutoff).delete()
    return removed


def purge_sign_in_records(cutoff):
    """Delete sign-in attempts and logs (emails, IPs) before ``cutoff``."""
    removed = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        removed += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return removed


def purge_sent_emails(cutoff):
    """Delete the queue's record of emails sent before ``cutoff``."""
    removed, _ = DBTaskResult.objects.filter(
        task_path=deliver_email.module_path, finished_at__lt=cutoff
    ).delete()
    return removed


def purge_sessions(cutoff):
    """Delete sessions that expired before ``cutoff``."""
    removed, _ = Session.objects.filter(expire_date__lt=cutoff).delete()
    return removed


def register():
    """Tell privacy how long each of these records is kept."""
    day = datetime.timedelta(days=1)
    rules = [
        ("delegate_imports", day, purge_delegate_imports, "CSV uploads: one day"),
        (
            "email_change_links",
            30 * day,
            purge_email_changes,
            "email-change links: 30 days after they expire",
        ),
        (
            "sign_in_records",
            90 * day,
            purge_sign_in_records,
            "sign-in attempts: 90 days",
        ),
        (
            "sent_emails",
            365 * day,
            purge_sent_emails,
            "records of emails sent: 12 months",
        ),
        ("sessions", 0 * day, purge_sessions, "expired sessions: at once"),
    ]
    for name, keep, purge, description in rules:
        register_retention(name, keep=keep, purge=purge, description=description)
