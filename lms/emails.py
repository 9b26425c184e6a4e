"""The emails the training service sends, queued after the change commits."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lms.tasks import deliver_email


def queue_email(*, to, template, context):
    """Render ``lms/emails/<template>.txt`` and send it once the current
    transaction commits, so a rolled-back change sends nothing."""
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject = render_to_string(f"lms/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"lms/emails/{template}.txt", context)
    recipients = list(to)
    transaction.on_commit(
        lambda: deliver_email.enqueue(to=recipients, subject=subject, body=body)
    )


def set_password_url(person):
    """Return a one-time link for ``person`` to choose a password.

    It stops working once used (the token covers the password hash and last
    sign-in) and after ``PASSWORD_RESET_TIMEOUT``.
    """
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("welcome", kwargs={"uidb64": uid, "token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_welcome(person, *, invited_by=None):
    """Queue the welcome email with the link to set a password."""
    queue_email(
        to=[person.email],
        template="welcome",
        context={
            "person": person,
            "invited_by": invited_by,
            "link": set_password_url(person),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
    )


def send_reminder(enrolment, *, sent_by):
    """Queue a reminder to finish a course."""
    queue_email(
        to=[enrolment.delegate.email],
        template="reminder",
        context={
            "enrolment": enrolment,
            "person": enrolment.delegate,
            "sent_by": sent_by,
        },
    )
