"""The demo content as data files (content/*.yaml, described in content/README.md): reading them with the checks
every entry must pass, and writing them back (`manage.py export_content`).

The checks name the file, the entry and the field: a real entry without a source, an amount without its year, a
phone number without a source, a fictitious entry with a phone number or an address.
"""

import re
from datetime import date
from pathlib import Path

import yaml
from django.conf import settings

# libyaml's parser when PyYAML was built with it (its wheels are): the same YAML, read about ten times faster.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(ValueError):
    def __init__(self, filename: str, entry: str, field: str, message: str):
        self.filename, self.entry, self.field = filename, entry, field
        super().__init__(f"{filename}, entrée « {entry} », champ « {field} » : {message}")


def read_entries(
    filename: str, *, directory: Path | None = None, required=("slug",), source_required=lambda entry: True
) -> list[dict]:
    """The entries of one content file, each checked against the rules common to every kind (a real entry cites its
    source unless `source_required(entry)` says it states no fact, e.g. a first step that opens a page of the site)."""
    path = (directory or CONTENT_DIR) / filename
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as error:
        raise ContentError(filename, "?", "?", f"le fichier n'est pas du YAML valide ({error})") from error
    if not isinstance(data, list):
        raise ContentError(filename, "?", "?", "le fichier doit être une liste d'entrées (« - slug: … »)")
    seen = set()
    for position, entry in enumerate(data, start=1):
        name = entry.get("slug", f"n° {position}") if isinstance(entry, dict) else f"n° {position}"
        if not isinstance(entry, dict):
            raise ContentError(filename, name, "?", "une entrée doit être une liste de champs « nom: valeur »")
        for field in required:
            if not entry.get(field):
                raise ContentError(filename, name, field, "champ obligatoire manquant")
        slug = entry.get("slug", "")
        if not SLUG.match(slug):
            raise ContentError(filename, name, "slug", "minuscules, chiffres et tirets seulement")
        if slug in seen:
            raise ContentError(filename, name, "slug", "ce slug est déjà utilisé par une autre entrée")
        seen.add(slug)
        check_entry(filename, entry, source_required=source_required(entry))
    return data


def check_entry(filename: str, entry: dict, *, source_required: bool = True) -> None:
    """The rules every entry obeys (content/README.md)."""
    name = entry.get("slug", "?")
    fictitious = bool(entry.get("fictitious"))
    if fictitious:
        for field in ("phone", "apply_phone", "address"):
            if entry.get(field):
                raise ContentError(filename, name, field, "une entrée fictive n'a ni téléphone ni adresse réelle")
    elif source_required and not entry.get("source_url"):
        raise ContentError(filename, name, "source_url", "une entrée réelle doit citer la page lue")
    for field in ("source_url", "phone_source", "apply_url", "website"):
        value = entry.get(field)
        if value and not str(value).startswith(("https://", "http://")):
            raise ContentError(filename, name, field, "une adresse web commence par https://")
    if entry.get("amount") and not entry.get("amount_year"):
        raise ContentError(filename, name, "amount_year", "un montant doit indiquer son année")
    year = entry.get("amount_year")
    if year and (not isinstance(year, int) or not 2000 <= year <= date.today().year + 1):
        raise ContentError(filename, name, "amount_year", "une année sur quatre chiffres, par exemple 2026")
    for field in ("phone", "apply_phone"):
        if entry.get(field) and not (entry.get("source_url") or entry.get("phone_source")):
            raise ContentError(filename, name, field, "un numéro de téléphone doit venir d'une source")
    source_date = entry.get("source_date")
    if source_date is not None and not isinstance(source_date, date):
        raise ContentError(filename, name, "source_date", "une date AAAA-MM-JJ (la date de la page source)")
    if source_date and source_date > date.today():
        raise ContentError(filename, name, "source_date", "la date de la source ne peut pas être dans le futur")


def write_entries(filename: str, entries: list[dict], *, directory: Path | None = None) -> Path:
    """Write a content file the way a person would: block style, French characters kept, fields in order."""
    path = (directory or CONTENT_DIR) / filename
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    path.write_text(text, encoding="utf-8")
    return path


def check_lengths(filename: str, name: str, model, values: dict) -> None:
    """Each text fits its column (PostgreSQL refuses what SQLite would accept)."""
    for field_name, value in values.items():
        field = model._meta.get_field(field_name)
        limit = getattr(field, "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ContentError(filename, name, field_name, f"{len(value)} caractères, {limit} au plus")


def merge_entries(existing: list[dict], fresh: list[dict]) -> list[dict]:
    """The database's entries (`fresh`) written over the file's (`existing`), matched by slug: the fields the database
    holds are replaced, the others (a note on the source, say) are kept, entries stay in the file's order and new ones
    come last; an entry gone from the database leaves the file. Empty values are left out, as a person would."""
    by_slug = {entry["slug"]: entry for entry in fresh}
    merged = []
    for entry in existing:
        if entry.get("slug") in by_slug:
            merged.append(without_empty({**entry, **by_slug.pop(entry["slug"])}))
    merged.extend(without_empty(entry) for entry in by_slug.values())
    return merged


def without_empty(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if value not in ("", None, [], {}, False)}


def export_file(filename: str, fresh: list[dict], *, directory: Path | None = None) -> Path:
    """Write the database's entries back to their content file (see `merge_entries`)."""
    source = (directory or CONTENT_DIR) / filename
    existing = (yaml.load(source.read_text(encoding="utf-8"), Loader=Loader) or []) if source.exists() else []
    if directory is not None and not source.exists():
        existing = yaml.load((CONTENT_DIR / filename).read_text(encoding="utf-8"), Loader=Loader) or []
    return write_entries(filename, merge_entries(existing, fresh), directory=directory)
