"""The outgoing e-mail queue (django-mailer): what the worker does besides sending.

Every message is written to `mailer.Message` by the backend (settings.EMAIL_BACKEND), in the same transaction as the
change it tells of. `send_queued` is one pass of the worker: messages whose delay has passed go back to the queue,
the queue is sent with the real backend (settings.MAILER_EMAIL_BACKEND), and what is no longer needed is deleted.

A message the server refuses, or that cannot reach it, is deferred (`defer_on_failure`), never lost and never a
crash; it is tried again `GUICHET_MAIL_RETRY_MINUTES` × 1, 3, 7, 15… minutes after it was queued (the delay doubles),
`GUICHET_MAIL_MAX_RETRIES` times; then it waits on the coordinator's desk, and is deleted after
`FAILED_RETENTION_DAYS`. Sent messages are deleted by django-mailer at once; its log keeps no content
(MAILER_EMAIL_LOG_MESSAGE_DATA = False) and is deleted after `LOG_RETENTION_DAYS`.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from mailer import engine
from mailer.models import PRIORITY_DEFERRED, PRIORITY_MEDIUM, RESULT_FAILURE, Message, MessageLog

logger = logging.getLogger(__name__)

LOG_RETENTION_DAYS = 30
FAILED_RETENTION_DAYS = 30


def retry_delay(retry: int) -> datetime.timedelta:
    """How long after it was queued a message may be tried for the `retry`-th time (1, 2, …): the gap doubles."""
    return datetime.timedelta(minutes=settings.GUICHET_MAIL_RETRY_MINUTES * (2**retry - 1))


def defer_on_failure(connection, message, exc):
    """django-mailer's error handler (MAILER_ERROR_HANDLER): whatever went wrong, the message waits for a retry.

    The log says what kind of failure it was, never the address nor the content."""
    message.defer()
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=f"{type(exc).__name__}")
    logger.warning("E-mail non envoyé (%s), nouvel essai plus tard.", type(exc).__name__)
    return None, "deferred"  # a new connection for the next message


def retry_due(now=None) -> int:
    """Deferred messages whose delay has passed go back to the queue. Safe when several workers run it at once: a
    message moves from one retry count to the next once."""
    now = now or timezone.now()
    moved = 0
    for done in range(settings.GUICHET_MAIL_MAX_RETRIES):
        moved += (
            Message.objects.deferred()
            .filter(retry_count=done, when_added__lte=now - retry_delay(done + 1))
            .update(priority=PRIORITY_MEDIUM, retry_count=done + 1)
        )
    return moved


def failed():
    """Messages not sent yet after at least one failure (waiting for a retry, or given up)."""
    return Message.objects.filter(priority=PRIORITY_DEFERRED)


def given_up():
    return failed().filter(retry_count__gte=settings.GUICHET_MAIL_MAX_RETRIES)


def purge(now=None) -> dict:
    """Delete what is no longer needed: the log after LOG_RETENTION_DAYS (and any content it kept), the messages
    given up after FAILED_RETENTION_DAYS."""
    now = now or timezone.now()
    logs_cleared = MessageLog.objects.exclude(Q(message_data__isnull=True) | Q(message_data="")).update(
        message_data=None
    )
    logs_deleted, _ = MessageLog.objects.filter(
        when_attempted__lt=now - datetime.timedelta(days=LOG_RETENTION_DAYS)
    ).delete()
    given_up_deleted, _ = (
        given_up().filter(when_added__lt=now - datetime.timedelta(days=FAILED_RETENTION_DAYS)).delete()
    )
    return {"logs_cleared": logs_cleared, "logs_deleted": logs_deleted, "given_up_deleted": given_up_deleted}


def send_queued(now=None) -> dict:
    """One pass of the worker."""
    retried = retry_due(now)
    before = Message.objects.non_deferred().count()
    engine.send_all()
    left = Message.objects.non_deferred().count()
    return {
        "retried": retried,
        "tried": before,
        "deferred": failed().count(),
        "left": left,
        **purge(now),
    }
