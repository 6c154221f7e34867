"""The agenda's calendar files (written by guichet.calendars).

Each occurrence is its own VEVENT (a recurring permanence gives one per date up to the horizon): calendar
applications then show moved and cancelled dates exactly, without depending on their support of RRULE exceptions.
UIDs are stable: the event's UUID, and for a series the day the rule gave (moving a date, or new hours for the
series, keep each date's UID).
"""

from django.utils import timezone

from guichet import calendars, fictitious

DEMO_LINE = "Événement fictif, pour la démonstration du site : il n'aura pas lieu."


def uid(occurrence) -> str:
    event = occurrence.event
    if not event.repeat:
        return f"{event.uid}@guichet-unique"
    return f"{event.uid}-{timezone.localdate(occurrence.original_start):%Y%m%d}@guichet-unique"


def _description(occurrence, url: str) -> str:
    event = occurrence.event
    lines = [event.summary, ""]
    if event.is_demo:
        lines.insert(0, DEMO_LINE)
    if occurrence.is_cancelled:
        lines.insert(0, "ANNULÉ.")
    if occurrence.note:
        lines.append(occurrence.note)
    if event.organiser_label:
        lines.append(f"Organisé par : {event.organiser_label}")
    if event.is_online:
        lines.append(f"En ligne : {event.online_url or 'lien communiqué à l’inscription'}")
    phone = f" — {event.registration_phone}" if event.registration_phone else ""
    lines.append(f"{event.get_registration_display()}{phone}")
    if event.registration_url:
        lines.append(f"S'inscrire : {event.registration_url}")
    lines.append("Gratuit" if event.is_free else f"Payant{' — ' + event.price_note if event.price_note else ''}")
    lines.append(f"Toutes les informations : {url}")
    return "\n".join(lines).strip()


def entry(occurrence, *, base_url: str) -> calendars.Entry:
    event = occurrence.event
    url = f"{base_url}{event.get_absolute_url()}"
    location = event.full_address if event.is_on_site else ""
    if event.is_online:
        location = f"{location} — et en ligne" if location else "En ligne"
    return calendars.Entry(
        uid=uid(occurrence),
        start=occurrence.starts_at,
        end=occurrence.ends_at,
        summary=fictitious.label(event.title, event.is_demo),
        changed=max(event.updated_at, occurrence.updated_at),
        description=_description(occurrence, url),
        location=location,
        url=url,
        cancelled=occurrence.is_cancelled,
        categories=[event.kind_choice.short_label],
    )


def calendar(occurrences, *, name: str, base_url: str, feed: bool) -> bytes:
    return calendars.calendar((entry(o, base_url=base_url) for o in occurrences), name=name, feed=feed)
