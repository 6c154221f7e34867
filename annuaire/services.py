"""Business actions of the directory: plain functions, keyword-only, inside a transaction."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from annuaire.contact import CONTACTED, ENDED, ContactRequest, ContactRequestMessage, RefusalReason, RequestState
from courriel import mail
from guichet import ratelimit
from guichet.services import anonymise_admin_log

# What she may add from her private page within the hour: per address, and per request (a link forwarded by mistake
# must not flood the coordinator).
MESSAGES_PER_HOUR = 5
MESSAGES_PER_REQUEST_PER_HOUR = 10


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
        share_with_structure=bool(data.get("share_with_structure")),
    )
    ratelimit.count("contact-requests", fingerprint)
    context = {
        "request": request,
        "admin_url": f"{admin_url_prefix}{request.pk}/change/",
        "link": request_link(request),
    }
    # Written to the outgoing queue in this transaction (settings.EMAIL_BACKEND): the e-mails exist if and only if
    # her request does, and a mail server that is down delays them without failing her request.
    mail.send("annuaire/new_request_coordinator", to=settings.GUICHET_COORDINATOR_EMAIL, context=context)
    mail.send("annuaire/acknowledgement", to=request.email, context=context)
    return request


def _site_url() -> str:
    return settings.GUICHET_SITE_URL.rstrip("/")


def request_link(request: ContactRequest) -> str:
    """Her private link to follow her request (empty once revoked): signed, with no personal data in it."""
    token = request.link_token
    return f"{_site_url()}{reverse('annuaire:request_status', kwargs={'token': token})}" if token else ""


def _may_write_to_her(request: ContactRequest) -> bool:
    """She gave an address and consented to what she wrote being kept (and it is not anonymised)."""
    return bool(request.email and request.consented_at and request.anonymised_at is None)


@transaction.atomic
def change_contact_request(request: ContactRequest, **changes) -> list[str]:
    """The coordinator's transitions of a request, whatever the path (the admin calls it with the form's values):
    `changes` are set on the request, then `save_contact_request` decides what it means."""
    for name, value in changes.items():
        setattr(request, name, value)
    return save_contact_request(request)


@transaction.atomic
def save_contact_request(request: ContactRequest) -> list[str]:
    """Save the coordinator's changes to a request and follow them up, in this transaction:
    - leaving "nouvelle" for "en cours", "orientée" or "close" records the first contact (the figures' call-back);
    - each change of state is told to her in one e-mail with a neutral subject and her private link: "en cours";
      oriented (or re-oriented to another structure), with to whom and what happens next, the structure receiving
      the orientation (what she asked only if she agreed); closed or refused, with the reason chosen (nothing after
      an abusive message).
    E-mails to her only when she gave an address. Returns, in French, what was sent or what the coordinator must do
    herself."""
    before = ContactRequest.objects.select_for_update().get(pk=request.pk)
    now = timezone.now()
    if request.state in CONTACTED and request.first_contact_at is None:
        request.first_contact_at = now
    oriented = request.state == RequestState.ORIENTED and (
        before.state != RequestState.ORIENTED or before.oriented_to_id != request.oriented_to_id
    )
    if oriented:
        request.oriented_at = now
    request.save()
    if oriented:
        return _tell_orientation(request)
    if request.state == RequestState.IN_PROGRESS and before.state != RequestState.IN_PROGRESS:
        return _tell_her(request, "in_progress")
    if request.state in ENDED and before.state not in ENDED and request.reason_for_her:
        return _tell_her(request, "closed")
    return []


HER_EMAIL_SENT = {
    "in_progress": "Elle est prévenue par e-mail que sa demande est en cours.",
    "oriented": "Elle est prévenue par e-mail de son orientation.",
    "closed": "Elle est prévenue par e-mail que sa demande est close.",
    "cancelled": "Elle est prévenue par e-mail que sa demande est annulée.",
}


def _tell_her(request: ContactRequest, name: str, *, context=None) -> list[str]:
    """One e-mail to her about her request, with a neutral subject and her private link (nothing she wrote)."""
    if not _may_write_to_her(request):
        return []
    mail.send(
        f"annuaire/{name}",
        to=request.email,
        context={
            "request": request,
            "link": request_link(request),
            "site_url": _site_url(),
            "retention_days": settings.GUICHET_REQUEST_RETENTION_DAYS,
            **(context or {}),
        },
    )
    return [HER_EMAIL_SENT[name]]


def _tell_orientation(request: ContactRequest) -> list[str]:
    structure = request.oriented_to
    shared = request.share_with_structure and bool(structure.email)
    context = {
        "request": request,
        "structure": structure,
        "shared": shared,
        "site_url": _site_url(),
        "coordinator_email": settings.GUICHET_COORDINATOR_EMAIL,
    }
    done = []
    if structure.email:
        mail.send("annuaire/oriented_structure", to=structure.email, context=context)
        done.append(
            f"« {structure} » a reçu l'orientation par e-mail"
            + (", avec sa demande (elle l'a accepté)." if shared else ", sans sa demande (elle ne l'a pas accepté).")
        )
    else:
        done.append(f"« {structure} » n'a pas d'adresse e-mail : prévenez-la par téléphone.")
    return done + _tell_her(request, "oriented", context=context)


def may_add_message(*, request: ContactRequest, fingerprint: str) -> bool:
    """Within the hour's limits, for this address and for this request."""
    return (
        ratelimit.recent("request-messages", fingerprint) < MESSAGES_PER_HOUR
        and ratelimit.recent("request-messages", f"request-{request.pk}") < MESSAGES_PER_REQUEST_PER_HOUR
    )


@transaction.atomic
def add_message(*, request: ContactRequest, text: str, fingerprint: str) -> ContactRequestMessage:
    """What she adds from her private page: kept with her request (the coordinator reads it in the admin) and the
    coordinator told, without the message."""
    message = ContactRequestMessage.objects.create(request=request, text=text)
    request.save(update_fields=["updated_at"])  # touched: the retention of a request left open counts from here
    ratelimit.count("request-messages", fingerprint)
    ratelimit.count("request-messages", f"request-{request.pk}")
    mail.send(
        "annuaire/message_added_coordinator",
        to=settings.GUICHET_COORDINATOR_EMAIL,
        context={"request": request, "admin_url": f"{_site_url()}{request.get_admin_url()}"},
    )
    return message


@transaction.atomic
def cancel_contact_request(*, request: ContactRequest) -> None:
    """She cancels her request from her private page: she is told (her last e-mail, with no link), the coordinator
    is told, then everything she wrote and how to reach her is erased at once (as `anonymise_old_requests` does),
    her private link with it. The request stays counted, refused with the reason "retirée à sa demande"."""
    request = ContactRequest.objects.select_for_update(of=("self",)).select_related("oriented_to").get(pk=request.pk)
    was_open = request.is_open
    if was_open:
        request.state = RequestState.REFUSED
        request.refusal_reason = RefusalReason.WITHDRAWN
    _tell_her(request, "cancelled")
    mail.send(
        "annuaire/cancelled_coordinator",
        to=settings.GUICHET_COORDINATOR_EMAIL,
        context={"request": request, "was_open": was_open, "admin_url": f"{_site_url()}{request.get_admin_url()}"},
    )
    request.anonymise()
    anonymise_admin_log(ContactRequest, [request.pk], label=str(request))


@transaction.atomic
def remind_unanswered(*, now=None, admin_url_prefix: str) -> dict[str, list[ContactRequest]]:
    """The ladder for requests nobody has called back (no first contact), each step sent once and recorded:
    the coordinator, the first day after the promised call-back; the administrators,
    GUICHET_REQUEST_ESCALATION_WORKING_DAYS working days later. One e-mail per step listing the requests, with
    nothing she wrote. Without any active administrator with an address, that step waits (nothing recorded)."""
    from guichet.enums import Role
    from guichet.models import User

    now = now or timezone.now()
    today = timezone.localdate(now)
    unanswered = list(ContactRequest.objects.unanswered().select_for_update())
    late = [r for r in unanswered if r.reminded_at is None and r.promised_by < today]
    escalated = [r for r in unanswered if r.escalated_at is None and r.escalate_on <= today]
    context = {"today": today, "admin_url_prefix": admin_url_prefix}
    if late:
        mail.send("annuaire/reminder", to=settings.GUICHET_COORDINATOR_EMAIL, context={**context, "requests": late})
        ContactRequest.objects.filter(pk__in=[r.pk for r in late]).update(reminded_at=now)
    administrators = list(
        User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if not administrators:
        escalated = []
    if escalated:
        mail.send(
            "annuaire/escalation",
            to=administrators,
            context={
                **context,
                "requests": escalated,
                "escalation_days": settings.GUICHET_REQUEST_ESCALATION_WORKING_DAYS,
                "coordinator_email": settings.GUICHET_COORDINATOR_EMAIL,
            },
        )
        ContactRequest.objects.filter(pk__in=[r.pk for r in escalated]).update(escalated_at=now)
    return {"coordinator": late, "administrators": escalated}


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
