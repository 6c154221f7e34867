"""Business actions of the shared package: plain functions, keyword-only, inside a transaction."""

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from courriel import mail
from guichet.models import ErrorReport
from guichet.models.reports import client_fingerprint
from guichet.shortcuts import admin_url


@transaction.atomic
def record_error_report(
    *, entry, message: str, email: str, ip_address: str, entry_url: str, admin_url_prefix: str
) -> ErrorReport:
    """Store a report on a public entry and queue an e-mail to the coordinator with it."""
    report = ErrorReport.objects.create(
        entry=entry,
        entry_title=str(entry)[:300],
        entry_url=entry_url[:500],
        message=message,
        email=email,
        fingerprint=client_fingerprint(ip_address),
    )
    context = {
        "report": report,
        "admin_url": f"{admin_url_prefix}{report.pk}/change/",
    }
    # Written to the outgoing queue in this transaction (settings.EMAIL_BACKEND): never lost, never a failure for her.
    mail.send("guichet/error_report", to=settings.GUICHET_COORDINATOR_EMAIL, context=context)
    return report


def anonymise_admin_log(model, pks, *, label: str = "") -> int:
    """The admin's history ("Mes actions") names the object as it was (`object_repr`) and may quote it in
    `change_message`: when a record is anonymised, so are its log entries (issue 17). Who acted and when stay."""
    pks = [str(pk) for pk in pks]
    if not pks:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    return LogEntry.objects.filter(content_type=content_type, object_id__in=pks).update(
        object_repr=label or f"{model._meta.verbose_name} (anonymisée)", change_message=""
    )


def notify_first_publication(entry, *, by) -> list[str]:
    """The organisation that owns an entry is told when the coordinator publishes it for the first time: its active
    operators and its contact address (not the person who published). Called by `EditorialModel.change_status`, so
    the admin form, the list action and any other path tell it alike. Queued in the transaction of the publication
    (settings.EMAIL_BACKEND). Returns the addresses written to."""
    owner = entry.owner
    addresses = {email for email in owner.members.filter(is_active=True).values_list("email", flat=True) if email}
    if owner.email:
        addresses.add(owner.email)
    addresses.discard(getattr(by, "email", None))
    if not addresses:
        return []
    site = settings.GUICHET_SITE_URL.rstrip("/")
    context = {
        "entry": entry,
        "kind": entry._meta.verbose_name,
        "organisation": owner,
        "public_url": site + entry.get_absolute_url() if hasattr(entry, "get_absolute_url") else "",
        "admin_url": admin_url(entry),
    }
    return mail.send("guichet/first_published", to=sorted(addresses), context=context)
