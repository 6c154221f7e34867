"""Business actions of the directory: plain functions, keyword-only, inside a transaction."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from annuaire.contact import ContactRequest, RequestState
from guichet import ratelimit
from guichet.services import anonymise_admin_log


def recent_requests_from(fingerprint: str) -> int:
    """How many requests this address sent within the hour."""
    return ratelimit.recent("contact-requests", fingerprint)


@transaction.atomic
def create_contact_request(*, structure, data: dict, fingerprint: str, admin_url_prefix: str) -> ContactRequest:
    """Store her request (she consented) and tell the coordinator and her, without any health detail in e-mails."""
    request = ContactRequest.objects.create(
        structure=structure,
        message=data["message"],
        phase=data.get("phase", ""),
        professional_status=data.get("professional_status", ""),
        contact_method=data["contact_method"],
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        preferred_times=data.get("preferred_times", ""),
        questionnaire_answers=data.get("questionnaire_answers") or {},
        consented_at=timezone.now(),
    )
    ratelimit.count("contact-requests", fingerprint)
    context = {"request": request, "admin_url": f"{admin_url_prefix}{request.pk}/change/"}
    # Written to the outgoing queue in this transaction (settings.EMAIL_BACKEND): the e-mails exist if and only if
    # her request does, and a mail server that is down delays them without failing her request.
    send_mail(
        subject="[Guichet unique] Nouvelle demande de mise en relation",
        message=render_to_string("annuaire/emails/new_request_coordinator.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.GUICHET_COORDINATOR_EMAIL],
    )
    if request.email:
        send_mail(
            subject="Votre demande au Guichet unique",
            message=render_to_string("annuaire/emails/acknowledgement.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[request.email],
        )
    return request


def remind_coordinator(*, now=None, admin_url_prefix: str) -> list[ContactRequest]:
    """One e-mail to the coordinator about requests still "nouvelle" after the reminder delay, late ones flagged.
    A request is mentioned at most once a day: running it twice sends nothing new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = [
        r
        for r in ContactRequest.objects.waiting_since(settings.GUICHET_REQUEST_REMINDER_WORKING_DAYS, today=today)
        if r.reminded_at is None or now - r.reminded_at > datetime.timedelta(hours=20)
    ]
    if not waiting:
        return []
    context = {"requests": waiting, "today": today, "admin_url_prefix": admin_url_prefix}
    send_mail(
        subject=f"[Guichet unique] {len(waiting)} demande(s) de mise en relation en attente",
        message=render_to_string("annuaire/emails/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.GUICHET_COORDINATOR_EMAIL],
    )
    ContactRequest.objects.filter(pk__in=[r.pk for r in waiting]).update(reminded_at=now)
    return waiting


def requests_to_anonymise(now=None):
    """Closed or refused longer ago than GUICHET_REQUEST_RETENTION_DAYS; and, in every other state (nouvelle, en
    cours, orientée), untouched for as long (issue 17): nothing she wrote is kept for ever."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.GUICHET_REQUEST_RETENTION_DAYS)
    left_open = ContactRequest.objects.exclude(state__in=[RequestState.CLOSED, RequestState.REFUSED]).filter(
        updated_at__lt=cutoff, anonymised_at__isnull=True
    )
    return ContactRequest.objects.to_anonymise(now) | left_open


def anonymise_old_requests(*, now=None) -> int:
    """Anonymise what `requests_to_anonymise` finds, and the admin's log entries about them."""
    count = 0
    for request in requests_to_anonymise(now):
        request.anonymise()
        anonymise_admin_log(ContactRequest, [request.pk], label=str(request))
        count += 1
    return count
