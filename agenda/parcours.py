"""The agenda's sections of "Mon parcours" and of the printable booklet (guichet.kinds: `parcours`, `booklet`): the
next events for her phase, in her département or online; the département's next dates."""

from datetime import timedelta

from django.utils import timezone

from agenda.models import ONLINE_MODES, Occurrence
from guichet.answers import Answers
from guichet.sharedcache import memo


def events_section(answers: Answers, departement, limits: dict, now=None) -> dict:
    """The next events for her phase, in her département or online, soonest first: the `limits["kept"]` next ones
    read once per process until content changes (guichet.sharedcache.memo), those over since left out at each
    request; as dates pass, when those kept no longer hold enough, the database is read."""
    now = now or timezone.now()
    limit, keep = limits["events"], limits["kept"]
    key = (answers.phase, departement.code if departement else None)
    kept = memo("onboarding.events", lambda: list(_occurrences(*key, now=now)[:keep]), key=key)
    upcoming = [occurrence for occurrence in kept if occurrence.ends_at > now]
    if len(upcoming) < limit and len(kept) == keep:
        upcoming = list(_occurrences(*key, now=now)[:limit])
    return {"events": upcoming[:limit]}


def _occurrences(phase, departement_code, now):
    occurrences = (
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming(now)
        .select_related("event", "event__departement", "event__organiser")
    )
    if phase:
        occurrences = occurrences.for_phase(phase)
    if departement_code is not None:
        return occurrences.for_departement(departement_code)
    return occurrences.filter(event__mode__in=ONLINE_MODES)


def events_booklet(departement, limits: dict, now=None) -> dict:
    """The next `limits["events"]` dates of the département within `limits["event_days"]`. Those of today's window
    (from midnight, to that many days after tonight) are kept with some to spare; at each request those over or too
    far are left out, and the database is read again when those kept no longer suffice."""
    now = now or timezone.now()
    code, limit, days = departement.code, limits["events"], limits["event_days"]
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    keep = limit + 10

    def window(start, end):
        return (
            Occurrence.objects.public()
            .not_cancelled()
            .upcoming(start)
            .filter(starts_at__lt=end)
            .for_departement(code)
            .select_related("event")
        )

    kept = memo(
        "onboarding.booklet_events",
        lambda: list(window(today, today + timedelta(days=days + 1))[:keep]),
        key=(code, today.date()),
    )
    end = now + timedelta(days=days)
    events = [o for o in kept if o.ends_at > now and o.starts_at < end]
    if len(events) < limit and len(kept) == keep:
        events = list(window(now, end)[:limit])
    return {"events": events[:limit]}
