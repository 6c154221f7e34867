"""Synthetic resources for the benchmark: 2,000 aids and sheets and 500 contents at scale 1, seeded, `bench-` slugs."""

import random

from guichet.enums import EditorialStatus, Phase, ProfessionalStatus, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from guichet.search import normalize
from ressources.enums import ContentFormat
from ressources.models import Aid, InspiringContent, Sheet

PREFIX = "bench-"
WORDS = (
    "indemnités cotisations prévoyance reprise activité aide arrêt droit oubli invalidité temps partiel "
    "thérapeutique reconversion bilan compétences soutien urssaf cpam msa agefiph commerçante artisane"
).split()


def _text(rng, words):
    return " ".join(rng.choices(WORDS, k=words)).capitalize()


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    for model in (Sheet, Aid, InspiringContent):
        model.objects.filter(slug__startswith=PREFIX).delete()
    owners = list(Organisation.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    themes = list(Theme.objects.all())
    departements = list(Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT))
    statuses = [EditorialStatus.PUBLISHED] * 8 + [EditorialStatus.DRAFT, EditorialStatus.REVIEW]

    def common(n, kind):
        title = f"{_text(rng, 5)} {n}"
        summary = _text(rng, 25) + "."
        return {
            "owner": rng.choice(owners),
            "status": rng.choice(statuses),
            "title": title,
            "slug": f"{PREFIX}{kind}-{n:05d}",
            "summary": summary,
            "search_text": normalize(f"{title} {summary}"),
        }

    sheets = Sheet.objects.bulk_create(
        [
            Sheet(**common(n, "fiche"), body="".join(f"<p>{_text(rng, 60)}.</p>" for _ in range(4)))
            for n in range(int(1000 * scale))
        ],
        batch_size=500,
    )
    aids = Aid.objects.bulk_create(
        [
            Aid(
                **common(n, "aide"),
                benefit=_text(rng, 40),
                audience=_text(rng, 20),
                conditions="\n".join(_text(rng, 6) for _ in range(3)),
                amount=f"{rng.randrange(100, 5000)} €",
                amount_year=2026,
            )
            for n in range(int(1000 * scale))
        ],
        batch_size=500,
    )
    contents = InspiringContent.objects.bulk_create(
        [
            InspiringContent(**common(n, "contenu"), format=ContentFormat.ARTICLE, transcript=_text(rng, 40), link="")
            for n in range(int(500 * scale))
        ],
        batch_size=500,
    )
    for model, entries in ((Sheet, sheets), (Aid, aids), (InspiringContent, contents)):
        for name, target, choices in (
            ("themes", "theme_id", themes),
            ("phases", "phasetag_id", list(Phase.values)),
            ("statuses", "statustag_id", list(ProfessionalStatus.values)),
            ("territories", "territory_id", departements),
        ):
            through = model._meta.get_field(name).remote_field.through
            rows = []
            for entry in entries:
                # Most entries are national (no territory) and concern one or two themes, phases, statuses.
                count = rng.choice([0, 0, 0, 1]) if name == "territories" else rng.randint(0, 2)
                for choice in rng.sample(choices, count):
                    value = choice.pk if hasattr(choice, "pk") else choice
                    rows.append(through(**{f"{model._meta.model_name}_id": entry.pk, target: value}))
            through.objects.bulk_create(rows, batch_size=1000)
    return {"fiches": len(sheets), "aides": len(aids), "contenus": len(contents)}
