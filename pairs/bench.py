"""Synthetic peer groups for the benchmark: 500 groups at scale 1, six sessions each, sign-ups filling some, seeded."""

import datetime
import random

from django.utils import timezone

from guichet.enums import EditorialStatus, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from guichet.search import normalize
from pairs.enums import GroupFormat
from pairs.enums import RegistrationStatus as Status
from pairs.models import GroupSession, PeerGroup, Registration

PREFIX = "bench-"
WORDS = "reprise parole visio entrepreneuses traitement après clients énergie projet écoute".split()
CITIES = [("Marseille", "13"), ("Nice", "06"), ("Toulon", "83"), ("Avignon", "84"), ("Gap", "05"), ("Digne", "04")]


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    PeerGroup.objects.filter(slug__startswith=PREFIX).delete()
    owners = list(Organisation.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    themes = list(Theme.objects.all())
    departements = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, is_covered=True)}
    today = timezone.localdate()
    groups = []
    for n in range(int(500 * scale)):
        video = rng.random() < 0.3
        city, code = rng.choice(CITIES)
        name = f"{' '.join(rng.choices(WORDS, k=3)).capitalize()} {n}"
        summary = " ".join(rng.choices(WORDS, k=12)).capitalize() + "."
        groups.append(
            PeerGroup(
                owner=rng.choice(owners),
                status=rng.choice([EditorialStatus.PUBLISHED] * 9 + [EditorialStatus.DRAFT]),
                slug=f"{PREFIX}groupe-{n:04d}",
                name=name,
                summary=summary,
                format=GroupFormat.VIDEO if video else GroupFormat.ON_SITE,
                city="" if video else city,
                departement=None if video else departements[code],
                capacity=rng.choice([6, 8, 10, 12]),
                facilitator_name="Animatrice synthétique",
                organiser_name="Organisateur synthétique",
                search_text=normalize(f"{name} {summary} {city}"),
                is_demo=True,
            )
        )
    groups = PeerGroup.objects.bulk_create(groups, batch_size=500)
    sessions = []
    for group in groups:
        first = today + datetime.timedelta(days=rng.randint(-60, 120))
        for k in range(6):
            start = timezone.make_aware(
                datetime.datetime.combine(first + datetime.timedelta(weeks=2 * k), datetime.time(18))
            )
            sessions.append(GroupSession(group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=2)))
    GroupSession.objects.bulk_create(sessions, batch_size=2000)
    now = timezone.now()
    registrations = [
        Registration(
            group=group,
            first_name=f"Participante {i}",
            email=f"{group.slug}-{i}@bench.invalid",
            status=Status.CONFIRMED,
            consented_at=now,
            confirmed_at=now,
        )
        for group in groups
        for i in range(rng.randint(0, group.capacity))
    ]
    Registration.objects.bulk_create(registrations, batch_size=2000)
    PeerGroup.themes.through.objects.bulk_create(
        [PeerGroup.themes.through(peergroup_id=g.pk, theme_id=rng.choice(themes).pk) for g in groups], batch_size=1000
    )
    return {"groupes": len(groups), "séances": len(sessions), "inscriptions": len(registrations)}
