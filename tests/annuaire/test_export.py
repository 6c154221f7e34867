"""The open-data export validates against data·inclusion's v1 JSON Schemas (copies in annuaire/data_inclusion/)."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone

from annuaire.export import THEMATIQUES
from annuaire.models import Structure
from tests.factories import StructureFactory
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[2] / "annuaire" / "data_inclusion"


def validator(kind):
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(kind, records):
    check = validator(kind)
    return [f"{record.get('id')}: {error.message}" for record in records for error in check.iter_errors(record)]


def test_demo_export_is_valid_against_both_schemas_and_holds_only_real_structures(client):
    demo_rows.put_back()
    structures = client.get("/annuaire/export/structures.json").json()
    services = client.get("/annuaire/export/services.json").json()
    assert len(structures) >= 60 and len(services) >= 60
    assert errors("structure", structures) == []
    assert errors("service", services) == []
    ids = {record["id"] for record in structures}
    assert all(service["structure_id"] in ids for service in services)
    real = set(Structure.objects.published().filter(is_demo=False).values_list("slug", flat=True))
    assert ids == real
    # Fictitious entries are never exported, whatever they are called.
    fictitious = set(Structure.objects.filter(is_demo=True).values_list("slug", flat=True))
    assert fictitious and not ids & fictitious
    assert not any("fictif" in record["nom"].lower() for record in structures)
    # Nobody has verified the demo yet: its date is the day it was loaded, never the source page's own date.
    today = timezone.localdate().isoformat()
    assert {record["date_maj"] for record in structures} == {today}
    assert {record["date_maj"] for record in services} == {today}


def test_export_uses_the_schema_vocabulary_and_the_last_verification_else_the_last_change(client, organisation):
    structure = StructureFactory(
        owner=organisation,
        published=True,
        name="Permanence",
        is_free=True,
        address="1 rue de la Paix",
        postal_code="13001",
        city="Marseille",
        reviewed_at=timezone.now() - datetime.timedelta(days=40),
        services=[("Conseil", ["maintien-activite", "bien-etre"], ["apres"])],
    )
    StructureFactory(owner=organisation, name="Brouillon")
    StructureFactory(owner=organisation, published=True, name="Fictive (fictif)", is_demo=True)
    never = StructureFactory(
        owner=organisation,
        published=True,
        name="Jamais vérifiée",
        reviewed_at=None,
        source_date=datetime.date(2015, 9, 27),
    )
    structures = client.get("/annuaire/export/structures.json").json()
    assert sorted(s["nom"] for s in structures) == ["Jamais vérifiée", "Permanence"]
    by_name = {s["nom"]: s for s in structures}
    assert by_name["Permanence"]["date_maj"] == timezone.localdate(structure.reviewed_at).isoformat()
    # Never verified: the last change here, not the source page's date (2015) presented as a verification.
    assert by_name["Jamais vérifiée"]["date_maj"] == timezone.localdate(never.updated_at).isoformat()
    assert "2015" not in by_name["Jamais vérifiée"]["date_maj"]
    assert errors("structure", structures) == []
    service = client.get("/annuaire/export/services.json").json()[0]
    assert service["structure_id"] == structure.slug
    assert service["date_maj"] == by_name["Permanence"]["date_maj"]
    assert service["frais"] == "gratuit" and service["modes_accueil"] == ["en-presentiel"]
    assert service["zone_eligibilite"] == ["france"]
    assert "creer-une-entreprise--developper-son-entreprise" in service["thematiques"]
    assert errors("service", [service]) == []


def test_every_mapped_thematique_exists_in_the_schema():
    enum = set(json.loads((SCHEMAS / "service.json").read_text())["$defs"]["Thematique"]["enum"])
    assert {value for values in THEMATIQUES.values() for value in values} <= enum


def test_a_regional_structure_exports_its_departements(client, organisation):
    from guichet.models import Territory

    paca = Territory.objects.get(kind="region", code="93")
    StructureFactory(owner=organisation, published=True, territories=[paca], services=[("Écoute", [], [])])
    service = client.get("/annuaire/export/services.json").json()[0]
    assert service["zone_eligibilite"] == ["04", "05", "06", "13", "83", "84"]
