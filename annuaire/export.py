"""Open data: published structures and their services in the data·inclusion v1 format (annuaire/data_inclusion/).

Only published, real structures are exported: a fictitious demonstration entry (`is_demo`) never is. Only the
schema's own vocabulary is used; a value with no fit is left empty. `date_maj` (the schema's "date de dernière
modification") is the day a person of the team last confirmed the entry when there is one, else the day the entry last
changed here; the date of the source page is never presented as either. Our own phases and statuses stay on our pages.
"""

from django.utils import timezone

from guichet.enums import TerritoryKind

SOURCE = "guichet-unique"

# Our themes, in the schema's `thematiques` vocabulary.
THEMATIQUES = {
    "droits-protection-sociale": ["difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"],
    "argent-aides": ["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"],
    "maintien-activite": [
        "creer-une-entreprise--developper-son-entreprise",
        "trouver-un-emploi--maintien-dans-lemploi",
    ],
    "sante-soins-support": ["sante--acces-aux-soins"],
    "bien-etre": ["remobilisation--bien-etre-confiance-en-soi"],
    "reconversion": [
        "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
        "se-former--trouver-sa-formation",
    ],
    "vie-personnelle-proches": ["famille--soutien-aidants"],
}


def exportable(queryset):
    """Published real structures (never the fictitious ones), with what the export reads."""
    return (
        queryset.published()
        .filter(is_demo=False)
        .prefetch_related("territories__children", "services__themes")
        .order_by("slug")
    )


def date_maj(structure) -> str:
    """The last verification by the team, else the last change: never the source page's own date."""
    return timezone.localdate(structure.reviewed_at or structure.updated_at).isoformat()


def _text(value: str, *, minimum: int = 1, maximum: int | None = None):
    value = (value or "").strip()
    if len(value) < minimum:
        return None
    return value[:maximum] if maximum else value


def _zone(structure) -> list[str]:
    territories = list(structure.territories.all())
    if not territories or any(t.kind == TerritoryKind.NATIONAL for t in territories):
        return ["france"]
    codes = []
    for territory in territories:
        if territory.kind == TerritoryKind.REGION:
            codes.extend(child.code for child in territory.children.all())
        else:
            codes.append(territory.code)
    return sorted(set(codes))


def _frais(structure):
    if structure.is_free and not structure.is_paid:
        return "gratuit"
    if structure.is_paid and not structure.is_free:
        return "payant"
    return None


def _modes_accueil(structure):
    if structure.is_application:
        return ["a-distance"]
    return ["en-presentiel"] if structure.address else None


def structure_record(structure, *, base_url: str) -> dict:
    return {
        "source": SOURCE,
        "id": structure.slug,
        "nom": structure.name[:150],
        "date_maj": date_maj(structure),
        "description": _text(structure.description or structure.summary, minimum=5, maximum=10000),
        "adresse": _text(structure.address),
        "code_postal": structure.postal_code or None,
        "commune": _text(structure.city),
        "telephone": _text(structure.phone),
        "courriel": structure.email or None,
        "site_web": structure.website or None,
        "horaires_accueil": _text(structure.opening_hours),
        "lien_source": f"{base_url}{structure.get_absolute_url()}",
    }


def service_records(structure, *, base_url: str) -> list[dict]:
    records = []
    for service in structure.services.all():
        thematiques = sorted({value for theme in service.themes.all() for value in THEMATIQUES.get(theme.slug, [])})
        records.append(
            {
                "source": SOURCE,
                "structure_id": structure.slug,
                "id": f"{structure.slug}--{service.pk}",
                "nom": service.name[:150] if len(service.name) >= 3 else f"{service.name} — {structure.name}"[:150],
                "description": _text(service.description or structure.summary, minimum=5, maximum=10000)
                or "Voir la fiche de la structure.",
                "date_maj": date_maj(structure),
                "thematiques": thematiques or None,
                "frais": _frais(structure),
                "frais_precisions": _text(structure.access_note),
                "modes_accueil": _modes_accueil(structure),
                "zone_eligibilite": _zone(structure),
                "telephone": _text(structure.phone),
                "courriel": structure.email or None,
                "adresse": _text(structure.address),
                "code_postal": structure.postal_code or None,
                "commune": _text(structure.city),
                "horaires_accueil": _text(structure.opening_hours),
                "lien_source": f"{base_url}{structure.get_absolute_url()}",
            }
        )
    return records
