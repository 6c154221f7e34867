"""Synthetic agenda for the benchmark: 5,000 events at scale 1 (a fifth of them recurring), seeded.

Dates are spread from three months ago to nine months ahead of the day of generation, so that both the listing and
the archive are full. Occurrences are written in bulk with the same expansion as the model (agenda.recurrence).
"""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from agenda import recurrence
from agenda.enums import EventKind, Mode, Repeat
from agenda.models import Event, Occurrence
from guichet.enums import EditorialStatus, Phase, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from guichet.search import normalize

PREFIX = "bench-"
WORDS = "atelier permanence réunion yoga sophrologie URSSAF prévoyance juridique comptable marche écoute".split()
CITIES = [("Marseille", "13"), ("Nice", "06"), ("Toulon", "83"), ("Avignon", "84"), ("Gap", "05"), ("Digne", "04")]


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    Event.objects.filter(slug__startswith=PREFIX).delete()
    owners = list(Organisation.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    themes = list(Theme.objects.all())
    departements = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, is_covered=True)}
    statuses = [EditorialStatus.PUBLISHED] * 9 + [EditorialStatus.DRAFT]
    today = timezone.localdate()
    events = []
    for n in range(int(5000 * scale)):
        day = today + datetime.timedelta(days=rng.randint(-90, 270))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([9, 10, 14, 18]))))
        mode = rng.choice([Mode.ON_SITE] * 7 + [Mode.ONLINE] * 2 + [Mode.BOTH])
        city, code = rng.choice(CITIES)
        repeat = rng.choice([Repeat.NONE] * 4 + [Repeat.WEEKLY, Repeat.MONTHLY_WEEKDAY])
        title = f"{' '.join(rng.choices(WORDS, k=3)).capitalize()} {n}"
        summary = " ".join(rng.choices(WORDS, k=15)).capitalize() + "."
        events.append(
            Event(
                owner=rng.choice(owners),
                status=rng.choice(statuses),
                slug=f"{PREFIX}evenement-{n:05d}",
                title=title,
                kind=rng.choice(EventKind.values),
                summary=summary,
                organiser_name="Organisateur synthétique",
                mode=mode,
                city=city if mode != Mode.ONLINE else "",
                departement=departements[code] if mode != Mode.ONLINE else None,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=rng.choice([1, 2, 3])),
                repeat=repeat,
                repeat_until=day + datetime.timedelta(days=rng.randint(30, 120)) if repeat else None,
                search_text=normalize(f"{title} {summary} {city}"),
                is_demo=True,
            )
        )
    events = Event.objects.bulk_create(events, batch_size=1000)
    horizon = recurrence.horizon(days=settings.GUICHET_AGENDA_HORIZON_DAYS)
    occurrences = [
        Occurrence(event=event, original_start=slot.original_start, starts_at=slot.starts_at, ends_at=slot.ends_at)
        for event in events
        for slot in recurrence.expand(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            repeat=event.repeat,
            until=event.repeat_until,
            horizon=horizon,
        )
    ]
    Occurrence.objects.bulk_create(occurrences, batch_size=2000)
    Event.themes.through.objects.bulk_create(
        [Event.themes.through(event_id=e.pk, theme_id=rng.choice(themes).pk) for e in events], batch_size=1000
    )
    Event.phases.through.objects.bulk_create(
        [
            Event.phases.through(event_id=e.pk, phasetag_id=rng.choice(Phase.values))
            for e in events
            if rng.random() < 0.5
        ],
        batch_size=1000,
    )
    return {"événements": len(events), "dates": len(occurrences)}
