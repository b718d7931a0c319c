"""E-mail through the task queue: requests hand messages over, the worker delivers them.

`QueuedEmailBackend` is the site's EMAIL_BACKEND, so every e-mail (bookings, waitlist
promotions, reminders, hosting requests, allauth's verification and reset mails, Wagtail's
notifications) takes the same path: the message is turned into JSON and queued as a
`deliver` task, which the worker sends with EMAIL_DELIVERY_BACKEND (the backend EMAIL_URL
names). Queuing happens after the request's transaction commits, so a booking that rolls
back sends nothing, and a failure to queue is logged, never raised into the request.

A message the SMTP server does not take (down, refusing, timing out) is queued again with
a growing delay, RETRY_DELAYS, and given up with an error in the log after the last one.
With a backend that runs tasks at once (development, tests) there is no later: the
failure is logged and the request goes on.
"""

import base64
import datetime
import logging
import smtplib
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

# Seconds before each further attempt: 1 min, 5 min, 30 min, 2 h, 6 h, then give up
# (about nine hours after the first try).
RETRY_DELAYS = (60, 300, 1800, 7200, 21600)


def to_payload(message):
    """A JSON-serialisable description of an EmailMessage (text parts and attachments)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            filename = attachment.get_filename()
            content = attachment.get_payload(decode=True) or b""
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode("utf-8")
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {k: str(v) for k, v in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "content_subtype": message.content_subtype,
        "attachments": attachments,
    }


def from_payload(payload):
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    message.content_subtype = payload["content_subtype"]
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in payload["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver(payload, attempt=1):
    """Send one message; on a delivery failure queue it again later (RETRY_DELAYS)."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([from_payload(payload)])
    except (OSError, smtplib.SMTPException) as error:
        retry_later(payload, attempt, error)


def retry_later(payload, attempt, error):
    recipients = ", ".join(payload["to"])
    if attempt > len(RETRY_DELAYS) or not default_task_backend.supports_defer:
        logger.error(
            "E-mail %r to %s not delivered after %d attempt(s): %s",
            payload["subject"],
            recipients,
            attempt,
            error,
        )
        return
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning(
        "E-mail %r to %s not delivered (%s); trying again in %d s",
        payload["subject"],
        recipients,
        error,
        delay,
    )
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    deliver.using(run_after=run_after).enqueue(payload, attempt + 1)


def enqueue(payloads):
    for payload in payloads:
        try:
            deliver.enqueue(payload)
        except Exception:  # noqa: BLE001 - a request must not fail because mail could not queue
            logger.exception("E-mail %r could not be queued", payload["subject"])


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message as a `deliver` task once the current transaction commits."""

    def send_messages(self, email_messages):
        payloads = [to_payload(m) for m in email_messages if m.recipients()]
        if payloads:
            transaction.on_commit(lambda: enqueue(payloads), robust=True)
        return len(payloads)
