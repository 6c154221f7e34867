from io import StringIO

import pytest
import tablib
from django.core.management import CommandError, call_command
from django.urls import reverse

from annuaire.models import Structure
from annuaire.resources import StructureResource
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "adresse",
    "organisation",
    "kind",
    "category",
    "name",
    "summary",
    "departements",
    "postal_code",
    "opening_hours",
]


def dataset(*rows):
    data = tablib.Dataset(headers=HEADERS)
    for row in rows:
        data.append(row)
    return data


def good_row(slug="atelier-gap", organisation="proprietaire"):
    return [
        slug,
        organisation,
        "structure",
        "association",
        "Atelier de Gap",
        "Un atelier.",
        "05",
        "05000",
        "Mo 14:00-17:00",
    ]


def write(tmp_path, data):
    path = tmp_path / "structures.csv"
    path.write_text(data.export("csv"), encoding="utf-8")
    return path


def test_a_file_with_errors_imports_nothing_and_names_the_lines(tmp_path, organisation):
    bad_postal = [
        "atelier-nice",
        "proprietaire",
        "structure",
        "association",
        "Atelier",
        "Un atelier.",
        "06",
        "6000",
        "",
    ]
    bad_hours = [
        "atelier-toulon",
        "proprietaire",
        "structure",
        "association",
        "Atelier",
        "Un atelier.",
        "83",
        "",
        "lundi",
    ]
    bad_departement = ["atelier-x", "proprietaire", "structure", "association", "Atelier", "Un atelier.", "93x", "", ""]
    path = write(tmp_path, dataset(good_row(), bad_postal, bad_hours, bad_departement))
    out = StringIO()
    with pytest.raises(CommandError, match="Aucune ligne importée : 3 ligne"):
        call_command("import_structures", str(path), appliquer=True, stdout=out)
    report = out.getvalue()
    assert "ligne 3 du fichier — Un code postal a 5 chiffres." in report
    assert "ligne 4 du fichier" in report and "OpenStreetMap" in report
    assert "ligne 5 du fichier" in report and "Département inconnu : 93x" in report
    assert Structure.objects.count() == 0

    call_command("import_structures", str(path), appliquer=True, ignorer_lignes_en_erreur=True, stdout=StringIO())
    imported = Structure.objects.get()
    assert imported.slug == "atelier-gap" and imported.status == "brouillon"
    assert [t.code for t in imported.territories.all()] == ["05"]


def test_a_dry_run_changes_nothing(tmp_path, organisation):
    out = StringIO()
    call_command("import_structures", str(write(tmp_path, dataset(good_row()))), stdout=out)
    assert "Rien n'est importé" in out.getvalue() and Structure.objects.count() == 0


def test_an_operator_imports_only_for_her_organisation(people, organisation, other_organisation):
    theirs = StructureFactory(owner=other_organisation, slug="la-leur")
    # The admin and the command always check first (dry run); a file with errors is never confirmed.
    resource = StructureResource(user=people.owner_operator)
    result = resource.import_data(
        dataset(good_row(organisation=""), good_row(slug="la-leur", organisation=""), good_row("autre", "autre")),
        dry_run=True,
    )
    assert len(result.row_errors()) + len(result.invalid_rows) == 2
    assert Structure.objects.filter(slug="atelier-gap").count() == 0
    theirs.refresh_from_db()
    assert theirs.name != "Atelier de Gap"
    ok = StructureResource(user=people.owner_operator).import_data(dataset(good_row(organisation="")), dry_run=False)
    assert not ok.has_errors() and not ok.has_validation_errors()
    assert Structure.objects.get(slug="atelier-gap").owner == organisation


def test_admin_offers_import_and_export_to_those_who_may(client, people, organisation, other_organisation):
    StructureFactory(owner=organisation, name="La nôtre")
    StructureFactory(owner=other_organisation, name="La leur")
    client.force_login(people.owner_operator)
    assert client.get(reverse("admin:annuaire_structure_import")).status_code == 200
    response = client.post(
        reverse("admin:annuaire_structure_export"),
        {"format": "0", "resource": "0", **{f"structureresource_{name}": "on" for name in ("adresse", "name")}},
    )
    content = response.content.decode()
    assert response.status_code == 200, content[:500]
    assert "La nôtre" in content and "La leur" not in content
    client.force_login(people.other_operator)
    assert (
        "La nôtre"
        not in client.post(
            reverse("admin:annuaire_structure_export"),
            {"format": "0", "resource": "0", **{f"structureresource_{name}": "on" for name in ("adresse", "name")}},
        ).content.decode()
    )
