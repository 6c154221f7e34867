"""The directory's measures for the funders' figures and the coordinator's desk (guichet.kinds: `measures`)."""

from django.utils import timezone

from annuaire.contact import ContactRequest, RequestState
from guichet.working_days import working_days_between


def first_call_backs(*, first, last, today) -> list[tuple]:
    """The first call-back of each request received between two days (inclusive): [(day received, working days to
    the first contact, whether within the promise)]. Counted: requests with a first contact, and those still waiting
    past the promise (late, counted to `today`); not those refused without any call (abuse, duplicate), nor those
    still within the promise. One query."""
    rows = ContactRequest.objects.filter(created_at__date__gte=first, created_at__date__lte=last).only(
        "created_at", "first_contact_at", "state"
    )
    measured = []
    for request in rows:
        if request.first_contact_at is None and request.state == RequestState.REFUSED:
            continue
        kept = request.promise_kept
        if kept is None:
            continue  # not called yet, still within the promise: neither kept nor broken
        received = timezone.localdate(request.created_at)
        reached = timezone.localdate(request.first_contact_at) if request.first_contact_at else today
        measured.append((received, working_days_between(received, reached), kept))
    return measured
