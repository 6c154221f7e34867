"""Synthetic content of the shared package for the benchmark: many organisations and news items.

Deterministic (seeded), marked with a `bench-` slug prefix, replaced on each run. Never loaded by `make run`.
"""

import datetime
import random

from django.utils import timezone

from guichet.enums import EditorialStatus
from guichet.models import Announcement, Organisation

PREFIX = "bench-"
WORDS = (
    "indemnités cotisations prévoyance reprise activité aide permanence atelier réunion droit "
    "oubli invalidité temps partiel thérapeutique reconversion bilan compétences soutien"
).split()


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    Announcement.objects.filter(slug__startswith=PREFIX).delete()
    # Organisations are kept from one run to the next: other apps' synthetic rows point to them.
    wanted = {f"{PREFIX}organisation-{n:04d}": n for n in range(max(1, int(200 * scale)))}
    existing = set(Organisation.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisation synthétique {n:04d}", slug=slug, is_demo=True)
        for slug, n in wanted.items()
        if slug not in existing
    )
    organisations = list(Organisation.objects.filter(slug__in=wanted).order_by("slug"))
    today = datetime.date(2026, 11, 1)
    statuses = [EditorialStatus.PUBLISHED] * 8 + [EditorialStatus.DRAFT, EditorialStatus.ARCHIVED]
    announcements = [
        Announcement(
            owner=rng.choice(organisations),
            status=rng.choice(statuses),
            title=" ".join(rng.choices(WORDS, k=6)).capitalize(),
            slug=f"{PREFIX}actualite-{n:05d}",
            summary=" ".join(rng.choices(WORDS, k=25)).capitalize() + ".",
            body="\n\n".join(" ".join(rng.choices(WORDS, k=60)).capitalize() + "." for _ in range(3)),
            published_on=today - datetime.timedelta(days=rng.randrange(0, 900)),
            reviewed_at=timezone.now() - datetime.timedelta(days=rng.randrange(0, 400)),
            is_demo=True,
        )
        for n in range(int(2000 * scale))
    ]
    Announcement.objects.bulk_create(announcements, batch_size=500)
    return {"organisations": len(organisations), "actualités": len(announcements)}
