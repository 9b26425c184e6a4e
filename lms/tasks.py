"""Background tasks of the training service."""

import logging

from django.core.mail import EmailMessage
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver_email(*, to, subject, body, reply_to=None):
    """Send one plain-text email; the worker retries nothing on failure."""
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    message.send()
    logger.info("Email delivered to %s recipient(s)", len(to))
