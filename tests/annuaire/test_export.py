"""The open-data export validates against data·inclusion's v1 JSON Schemas (copies in annuaire/data_inclusion/)."""

import json
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command

from annuaire.export import THEMATIQUES
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[2] / "annuaire" / "data_inclusion"


def validator(kind):
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(kind, records):
    check = validator(kind)
    return [f"{record.get('id')}: {error.message}" for record in records for error in check.iter_errors(record)]


def test_demo_export_is_valid_against_both_schemas(client):
    call_command("load_demo", force=True, stdout=StringIO())
    structures = client.get("/annuaire/export/structures.json").json()
    services = client.get("/annuaire/export/services.json").json()
    assert len(structures) >= 5 and len(services) >= 5
    assert errors("structure", structures) == []
    assert errors("service", services) == []
    ids = {record["id"] for record in structures}
    assert all(service["structure_id"] in ids for service in services)


def test_export_uses_the_schema_vocabulary_and_last_verification(client, organisation):
    structure = StructureFactory(
        owner=organisation,
        published=True,
        name="Permanence",
        is_free=True,
        address="1 rue de la Paix",
        postal_code="13001",
        city="Marseille",
        services=[("Conseil", ["maintien-activite", "bien-etre"], ["apres"])],
    )
    StructureFactory(owner=organisation, name="Brouillon")
    StructureFactory(owner=organisation, published=True, name="Jamais vérifiée", reviewed_at=None)
    structures = client.get("/annuaire/export/structures.json").json()
    assert [s["nom"] for s in structures] == ["Permanence"]
    assert structures[0]["date_maj"] == structure.reviewed_at.date().isoformat()
    service = client.get("/annuaire/export/services.json").json()[0]
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
