"""Synthetic directory for the benchmark: 10,000 structures at scale 1 with one or two services each, seeded."""

import random

from annuaire.enums import Category, StructureKind
from annuaire.models import Service, Structure
from guichet.enums import EditorialStatus, Phase, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from guichet.search import normalize

PREFIX = "bench-"
WORDS = "sport adapté socio-esthétique psychologue avocat comptable nutrition écoute permanence atelier".split()
CITIES = ["Marseille", "Nice", "Toulon", "Avignon", "Gap", "Digne-les-Bains", "Aix-en-Provence", "Cannes"]


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    Structure.objects.filter(slug__startswith=PREFIX).delete()
    owners = list(Organisation.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    themes = list(Theme.objects.all())
    departements = list(Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, is_covered=True))
    statuses = [EditorialStatus.PUBLISHED] * 9 + [EditorialStatus.DRAFT]
    structures = []
    for n in range(int(10000 * scale)):
        name = f"{' '.join(rng.choices(WORDS, k=3)).capitalize()} {n}"
        summary = " ".join(rng.choices(WORDS, k=20)).capitalize() + "."
        city = rng.choice(CITIES)
        structures.append(
            Structure(
                owner=rng.choice(owners),
                status=rng.choice(statuses),
                slug=f"{PREFIX}structure-{n:05d}",
                kind=rng.choice([StructureKind.STRUCTURE] * 9 + [StructureKind.APPLICATION]),
                category=rng.choice(Category.values),
                name=name,
                summary=summary,
                city=city,
                is_free=rng.random() < 0.6,
                by_appointment=rng.random() < 0.4,
                opening_hours="Mo-Fr 09:00-12:00,14:00-17:00",
                search_text=normalize(f"{name} {summary} {city}"),
            )
        )
    structures = Structure.objects.bulk_create(structures, batch_size=1000)
    services = Service.objects.bulk_create(
        [
            Service(structure=structure, name=" ".join(rng.choices(WORDS, k=2)).capitalize(), position=i)
            for structure in structures
            for i in range(rng.randint(1, 2))
        ],
        batch_size=1000,
    )
    territory_rows = [
        Structure.territories.through(structure_id=s.pk, territory_id=rng.choice(departements).pk)
        for s in structures
        if rng.random() < 0.8
    ]
    Structure.territories.through.objects.bulk_create(territory_rows, batch_size=1000)
    Service.themes.through.objects.bulk_create(
        [Service.themes.through(service_id=s.pk, theme_id=rng.choice(themes).pk) for s in services], batch_size=1000
    )
    Service.phases.through.objects.bulk_create(
        [
            Service.phases.through(service_id=s.pk, phasetag_id=rng.choice(Phase.values))
            for s in services
            if rng.random() < 0.5
        ],
        batch_size=1000,
    )
    return {"structures": len(structures), "services": len(services)}
