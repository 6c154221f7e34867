"""The directory, read from content/structures.yaml (its format: content/README.md).

Real entries carry the page they come from (`source_url`); contact details, addresses and hours appear only where that
page gives them. Fictitious entries (`fictitious: true`) exist only to show a feature: they say so in their name and
have neither phone nor address. A schema check runs before anything is written and names the file, the entry and the
field at fault. Loading twice changes nothing.
"""

import re
from pathlib import Path

from annuaire.enums import Access, Category, StructureKind
from annuaire.models import Service, Structure
from annuaire.opening_hours import parse as parse_opening_hours
from guichet.content import CONTENT_DIR, ContentError, check_lengths, read_entries, without_empty
from guichet.demo import aware, set_list, upsert
from guichet.enums import EditorialStatus, Phase, TerritoryKind
from guichet.models import Organisation, Territory, Theme

CONTENT_FILE = CONTENT_DIR / "structures.yaml"

ACCESS = {
    "gratuit": "is_free",
    "payant": "is_paid",
    "sur-rendez-vous": "by_appointment",
    "sur-orientation": "on_referral",
    "adhesion": "membership",
}
# Text fields copied as they are; absent means empty.
FIELDS = (
    "summary",
    "description",
    "audience",
    "access_note",
    "address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
    "languages",
    "platforms",
    "cost",
    "publisher",
    "health_validation",
)
REQUIRED = ("slug", "name", "kind", "category", "summary")
KEYS = (
    set(REQUIRED)
    | set(FIELDS)
    | {
        "access",
        "territories",
        "region",
        "services",
        "phone_source",
        "source_url",
        "source_date",
        "source_note",
        "to_verify",
        "fictitious",
    }
)
SERVICE_KEYS = {"name", "description", "themes", "phases"}
POSTAL_CODE = re.compile(r"^[0-9]{5}$")
DEMO_OWNER = "entreprenantes-du-sud-demo"


def _has_field(name: str) -> bool:
    return any(field.name == name for field in Structure._meta.get_fields())


def _vocabulary():
    territories = Territory.objects.values_list("kind", "code")
    return {
        "themes": set(Theme.objects.values_list("slug", flat=True)),
        "phases": set(Phase.values),
        "departements": {code for kind, code in territories if kind == TerritoryKind.DEPARTEMENT},
        "regions": {code for kind, code in territories if kind == TerritoryKind.REGION},
    }


def _check(filename: str, data: dict, vocabulary) -> None:
    """What a directory entry must be, beyond the rules common to every content file (guichet.content)."""
    slug = data["slug"]

    def fail(field, message):
        raise ContentError(filename, slug, field, message)

    for key in data:
        if key not in KEYS:
            fail(key, "champ inconnu (faute de frappe ?) ; les champs possibles sont dans content/README.md")
    for key in FIELDS + ("phone_source", "source_url", "source_note", "to_verify", "region"):
        if key in data and not isinstance(data[key], str):
            fail(key, "du texte est attendu (mettez-le entre guillemets)")
    if data["kind"] not in StructureKind.values:
        fail("kind", f"« {data['kind']} » inconnu ; possibles : {', '.join(StructureKind.values)}")
    if data["category"] not in Category.values:
        fail("category", f"« {data['category']} » inconnue ; possibles : {', '.join(Category.values)}")
    for access in data.get("access") or []:
        if access not in Access.values:
            fail("access", f"« {access} » inconnu ; possibles : {', '.join(Access.values)}")
    for code in data.get("territories") or []:
        if code not in vocabulary["departements"]:
            hint = ' (une région s\'écrit à part : region: "93")' if code in vocabulary["regions"] else ""
            fail("territories", f"« {code} » n'est pas un code de département{hint}")
    if data.get("region") and data["region"] not in vocabulary["regions"]:
        fail("region", f"« {data['region']} » n'est pas un code de région")
    services = data.get("services") or []
    if not isinstance(services, list):
        fail("services", "une liste de services est attendue")
    for service in services:
        if not isinstance(service, dict) or not service.get("name"):
            fail("services", "chaque service a au moins un nom (name)")
        name = service["name"]
        for key in service:
            if key not in SERVICE_KEYS:
                fail("services", f"champ « {key} » inconnu dans le service « {name} »")
        for theme in service.get("themes") or []:
            if theme not in vocabulary["themes"]:
                fail("themes", f"thème « {theme} » inconnu (service « {name} »)")
        for phase in service.get("phases") or []:
            if phase not in vocabulary["phases"]:
                fail(
                    "phases", f"phase « {phase} » inconnue (service « {name} ») ; possibles : {', '.join(Phase.values)}"
                )
    if data.get("postal_code") and not POSTAL_CODE.match(data["postal_code"]):
        fail("postal_code", "un code postal a 5 chiffres")
    if data.get("opening_hours") and parse_opening_hours(data["opening_hours"]) is None:
        fail(
            "opening_hours",
            f"« {data['opening_hours']} » n'est pas au format OpenStreetMap (ex. « Mo-Fr 09:00-12:00 »)",
        )
    fictitious = data.get("fictitious", False)
    if not isinstance(fictitious, bool):
        fail("fictitious", "true ou false")
    if fictitious:
        for key in ("phone", "address", "postal_code", "email", "opening_hours"):
            if data.get(key):
                fail(key, "une entrée fictive n'a ni téléphone, ni adresse, ni e-mail, ni horaires")
        if "fictif" not in data["name"].lower():
            fail("name", "une entrée fictive le dit dans son nom (« fictif »)")
        if data.get("source_url"):
            fail("source_url", "une entrée fictive n'a pas de source")


def read_structures(path=CONTENT_FILE) -> list[dict]:
    """The entries of a structures file, checked against the format and the vocabulary; raises ContentError naming
    the file, the entry and the field."""
    path = Path(path)
    entries = read_entries(path.name, directory=path.parent, required=REQUIRED)
    vocabulary = _vocabulary()
    for data in entries:
        _check(path.name, data, vocabulary)
    return entries


def _territories(data):
    found = list(Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, code__in=data.get("territories") or []))
    if data.get("region"):
        found.append(Territory.objects.get(kind=TerritoryKind.REGION, code=data["region"]))
    return found


def _description(data) -> str:
    """Where the model has no field for what remains uncertain, the public page still says it."""
    description = (data.get("description") or "").strip()
    if data.get("to_verify") and not _has_field("to_verify") and not _has_field("to_verify_note"):
        description = f"{description}\n\nÀ vérifier : {data['to_verify'].strip()}".strip()
    return description


def _load_one(data, *, owner, is_demo, themes):
    values = {name: (data.get(name) or "").strip() for name in FIELDS}
    values["description"] = _description(data)
    values.update({field: access in (data.get("access") or []) for access, field in ACCESS.items()})
    values.update(
        kind=data["kind"],
        category=data["category"],
        name=data["name"],
        owner=owner,
        status=EditorialStatus.PUBLISHED,
        source_url=data.get("source_url", ""),
        is_demo=is_demo,
    )
    source_date = data.get("source_date")
    # The date of the source page is not a human review: it goes to `reviewed_at` only while the model has no
    # field of its own for it.
    if _has_field("source_date"):
        values.update(source_date=source_date, reviewed_at=None)
    else:
        values["reviewed_at"] = aware(source_date) if source_date else None
    for optional in ("source_note", "to_verify"):
        if _has_field(optional):
            values[optional] = (data.get(optional) or "").strip()
    if _has_field("to_verify_note"):
        values["to_verify_note"] = (data.get("to_verify") or "").strip()
    check_lengths(CONTENT_FILE.name, data["slug"], Structure, {k: v for k, v in values.items() if k != "owner"})
    structure, created = upsert(Structure, {"slug": data["slug"]}, values)
    set_list(structure.territories, _territories(data), new=created)
    wanted = [
        (s["name"], (s.get("description") or "").strip(), sorted(s.get("themes") or []), sorted(s.get("phases") or []))
        for s in data.get("services") or []
    ]
    current = [
        (s.name, s.description, sorted(t.slug for t in s.themes.all()), sorted(p.code for p in s.phases.all()))
        for s in structure.services.order_by("position")
    ]
    if current != wanted:
        structure.services.all().delete()
        for position, (name, description, theme_slugs, phases) in enumerate(wanted):
            service = Service.objects.create(structure=structure, name=name, description=description, position=position)
            set_list(service.themes, [themes[slug] for slug in theme_slugs], new=True)
            set_list(service.phases, phases, new=True)
        structure.refresh_search_text()


def load():
    entries = read_structures()
    owner = Organisation.objects.get(slug="equipe-guichet-unique")
    demo_owner = Organisation.objects.get(slug=DEMO_OWNER)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for data in entries:
        fictitious = data.get("fictitious", False)
        _load_one(data, owner=demo_owner if fictitious else owner, is_demo=fictitious, themes=themes)


def export_content() -> dict[str, list[dict]]:
    """The directory as content/structures.yaml holds it (`manage.py export_content`)."""
    structures = Structure.objects.exclude(status=EditorialStatus.ARCHIVED).prefetch_related(
        "territories", "services__themes", "services__phases"
    )
    entries = []
    for structure in structures:
        description, _, to_verify = ("\n\n" + structure.description).partition("\n\nÀ vérifier : ")
        description = description.strip()
        departements = sorted(t.code for t in structure.territories.all() if t.kind == TerritoryKind.DEPARTEMENT)
        regions = [t.code for t in structure.territories.all() if t.kind == TerritoryKind.REGION]
        entries.append(
            {
                "slug": structure.slug,
                "name": structure.name,
                "kind": structure.kind,
                "category": structure.category,
                **{name: getattr(structure, name) for name in FIELDS},
                "description": description,
                "access": [access for access, field in ACCESS.items() if getattr(structure, field)],
                "territories": departements,
                "region": regions[0] if regions else "",
                "services": [
                    without_empty(
                        {
                            "name": service.name,
                            "description": service.description,
                            "themes": sorted(theme.slug for theme in service.themes.all()),
                            "phases": sorted(tag.pk for tag in service.phases.all()),
                        }
                    )
                    for service in structure.services.all()
                ],
                "source_url": structure.source_url,
                "source_date": structure.source_date,
                "to_verify": to_verify,
                "fictitious": structure.is_demo,
            }
        )
    return {CONTENT_FILE.name: entries}
