"""The directory's lines on the coordinator's desk (backoffice.desk): the new requests to be put in touch."""

from django.urls import reverse

from annuaire.contact import ContactRequest, RequestState


def contact_requests() -> dict:
    new = ContactRequest.objects.filter(state=RequestState.NEW)
    return {
        "new": list(new.select_related("structure").order_by("created_at")[:10]),
        "count": new.count(),
        "url": reverse("admin:annuaire_contactrequest_changelist") + f"?state__exact={RequestState.NEW}",
    }
