"""The content files (content/*.yaml): the schema check names file, entry and field; `export_content` writes back
exactly what `load_demo` read, so the coordinator's edits read as a diff."""

import datetime

import pytest
import yaml
from django.core.management import call_command

from guichet.content import CONTENT_DIR, ContentError, read_entries

pytestmark = pytest.mark.django_db

FILES = ["aids.yaml", "sheets.yaml", "contents.yaml", "first_steps.yaml", "structures.yaml"]


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"slug": "sans-source", "title": "Une aide"}, "source_url"),
        ({"slug": "montant", "source_url": "https://www.ameli.fr", "amount": "10 €"}, "amount_year"),
        ({"slug": "tel", "phone": "01 02 03 04 05"}, "source_url"),
        ({"slug": "fictive", "fictitious": True, "phone": "01 02 03 04 05"}, "phone"),
        ({"slug": "fictive", "fictitious": True, "address": "7 rue Francis-Davso"}, "address"),
        ({"slug": "Pas Un Slug", "source_url": "https://www.ameli.fr"}, "slug"),
        ({"slug": "date", "source_url": "https://www.ameli.fr", "source_date": "hier"}, "source_date"),
    ],
)
def test_the_schema_check_names_file_entry_and_field(tmp_path, entry, field):
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        read_entries("bad.yaml", directory=tmp_path)
    assert (error.value.filename, error.value.entry, error.value.field) == ("bad.yaml", entry["slug"], field)
    assert "bad.yaml" in str(error.value) and entry["slug"] in str(error.value)


@pytest.mark.parametrize("filename", FILES)
def test_every_real_entry_has_a_source_and_every_amount_its_year(filename):
    # A first step that only opens a page of the site states no fact to source.
    for entry in read_entries(filename, source_required=lambda entry: not entry.get("url")):
        if not entry.get("fictitious") and not entry.get("url"):
            assert entry.get("source_url", "").startswith("https://") or entry["source_url"].startswith("http://")
        if entry.get("amount"):
            assert entry.get("amount_year"), entry["slug"]
        if entry.get("fictitious"):
            assert not entry.get("phone") and not entry.get("address") and not entry.get("apply_phone"), entry["slug"]


def test_nothing_in_the_files_is_called_verified():
    """A date nobody checked is never "vérifié": the files carry the source's own date only."""
    for filename in FILES:
        text = (CONTENT_DIR / filename).read_text(encoding="utf-8")
        assert "reviewed" not in text and "verified_at" not in text


def test_export_writes_back_what_was_loaded(tmp_path):
    call_command("load_demo", "--force", verbosity=0)
    call_command("export_content", "--directory", str(tmp_path), verbosity=0)
    for filename in FILES:
        original = {e["slug"]: _normalise(e) for e in yaml.safe_load((CONTENT_DIR / filename).read_text("utf-8"))}
        exported = {e["slug"]: _normalise(e) for e in yaml.safe_load((tmp_path / filename).read_text("utf-8"))}
        assert exported.keys() == original.keys(), filename
        for slug, entry in original.items():
            assert exported[slug] == entry, (filename, slug)


def _normalise(entry):
    """Empty values and list order do not matter; text is compared without trailing spaces."""
    result = {}
    for key, value in entry.items():
        if value in ("", None, [], False):
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = sorted(value)
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            value = [_normalise(v) for v in value]
        elif isinstance(value, str):
            value = value.strip()
        elif isinstance(value, int) and not isinstance(value, bool) and key != "amount_year" and key != "position":
            value = str(value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        result[key] = value
    return result
