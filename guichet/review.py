"""The review workflow's e-mails: a submitted entry tells the coordinator; an entry sent back tells the owner's
operators, with the coordinator's comment. Subjects stay neutral like every e-mail of the site."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from guichet.freshness import admin_url


def _send(subject, template, context, recipients):
    if not recipients:
        return
    message = render_to_string(template, context)
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    )


def notify_submitted(entry, *, by) -> None:
    _send(
        "Une fiche à relire — Guichet unique",
        "guichet/emails/review_submitted.txt",
        {"entry": entry, "by": by, "url": admin_url(entry), "kind": entry._meta.verbose_name},
        [settings.GUICHET_COORDINATOR_EMAIL],
    )


def notify_sent_back(entry, *, comment: str, by) -> None:
    operators = list(entry.owner.members.filter(is_active=True).values_list("email", flat=True))
    _send(
        "Une fiche à revoir — Guichet unique",
        "guichet/emails/review_sent_back.txt",
        {"entry": entry, "by": by, "comment": comment, "url": admin_url(entry), "kind": entry._meta.verbose_name},
        operators,
    )
