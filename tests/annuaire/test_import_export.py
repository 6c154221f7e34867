import html
from io import BytesIO, StringIO

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import strip_tags

from annuaire.models import Structure
from annuaire.resources import StructureResource
from guichet.models import Territory
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
        "département:06",  # a bare 06 is ambiguous: Alpes-Maritimes or the région Mayotte
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
    assert "ligne 5 du fichier" in report and "Département inconnu : « 93x »" in report
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


# Issue 16, "Import that cannot corrupt": territories by kind, French files, formulas, preview and errors in French.


def territory(kind, code):
    return Territory.objects.get(kind=kind, code=code)


def export_url(model="structure"):
    return reverse(f"admin:annuaire_{model}_export")


def export_through_admin(client, *, file_format="0"):
    fields = StructureResource().get_export_order()
    response = client.post(
        export_url(),
        {"format": file_format, "resource": "0", **{f"structureresource_{name}": "on" for name in fields}},
    )
    assert response.status_code == 200
    return response.content


def preview_through_admin(client, content: bytes, *, name="structures.csv", file_format="0"):
    """The first step of an import in the admin: the file is checked and the preview shown, nothing is saved."""
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("admin:annuaire_structure_import"), {"format": file_format, "resource": "0", "import_file": upload}
    )
    assert response.status_code == 200
    return response


def confirm_through_admin(client, preview):
    confirm = preview.context["confirm_form"]
    response = client.post(reverse("admin:annuaire_structure_process_import"), confirm.initial)
    assert response.status_code == 302, response.content.decode()[:2000]


def page_text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


@pytest.fixture
def carsat(organisation):
    """A national body's regional branch: the région PACA (INSEE 93), and the Bouches-du-Rhône (13)."""
    return StructureFactory(
        owner=organisation,
        slug="carsat-sud-est",
        name="CARSAT Sud-Est",
        kind="structure",
        category="organisme-public",
        is_free=True,
        phone="+33 9 71 10 39 60",
        published=True,
        territories=[territory("region", "93"), territory("departement", "13")],
    )


def test_an_unmodified_export_reimports_unchanged_and_keeps_the_region(client, people, carsat):
    client.force_login(people.coordinator)
    content = export_through_admin(client)
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # French Excel reads the accents
    assert "territoires" in text.splitlines()[0] and ";" in text.splitlines()[0]
    assert "région:93, département:13" in text  # the région is not mistaken for Seine-Saint-Denis

    preview = preview_through_admin(client, content)
    assert "Inchangée" in page_text(preview) and "Rien ne change." in page_text(preview)
    assert "Modifiée" not in page_text(preview)
    confirm_through_admin(client, preview)
    carsat.refresh_from_db()
    assert {(t.kind, t.code) for t in carsat.territories.all()} == {("region", "93"), ("departement", "13")}
    assert carsat.phone == "+33 9 71 10 39 60" and carsat.is_free


def test_an_unmodified_excel_export_reimports_unchanged(client, people, carsat):
    client.force_login(people.coordinator)
    content = export_through_admin(client, file_format="1")
    preview = preview_through_admin(client, content, name="structures.xlsx", file_format="1")
    assert "Rien ne change." in page_text(preview) and "Modifiée" not in page_text(preview)


def test_a_bare_code_shared_by_a_region_and_a_departement_is_refused(carsat):
    data = tablib.Dataset(headers=["adresse", "organisation", "territoires"])
    data.append(["carsat-sud-est", "proprietaire", "93"])
    result = StructureResource().import_data(data, dry_run=True)
    [row] = result.invalid_rows
    assert row.error_dict == {
        "Territoires": [
            "« 93 » est ambigu : écrivez « département:93 » pour Seine-Saint-Denis ou « région:93 » pour "
            "Provence-Alpes-Côte d'Azur."
        ]
    }
    data = tablib.Dataset(headers=["adresse", "organisation", "territoires"])
    data.append(["carsat-sud-est", "proprietaire", "région:93, 05"])
    result = StructureResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {(t.kind, t.code) for t in carsat.territories.all()} == {("region", "93"), ("departement", "05")}


FRENCH_EXCEL_CSV = (
    "adresse;organisation;type;catégorie;nom;en bref;territoires;gratuit;commune\r\n"
    "aidants-hyeres;proprietaire;Structure;Association;Aidants d'Hyères;Écoute et entraide, l'été aussi.;"
    "département:83;oui;Hyères\r\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_a_french_excel_csv_with_semicolons_imports_with_its_accents(client, people, organisation, encoding):
    client.force_login(people.coordinator)
    preview = preview_through_admin(client, FRENCH_EXCEL_CSV.encode(encoding))
    text = page_text(preview)
    assert "Nouvelle fiche" in text and "Nom : Aidants d'Hyères" in text and "Gratuit : oui" in text
    assert "Traceback" not in text and "Error" not in text
    confirm_through_admin(client, preview)
    imported = Structure.objects.get(slug="aidants-hyeres")
    assert imported.name == "Aidants d'Hyères" and imported.summary == "Écoute et entraide, l'été aussi."
    assert imported.city == "Hyères" and imported.is_free and imported.category == "association"
    assert imported.status == "brouillon"
    assert [(t.kind, t.code) for t in imported.territories.all()] == [("departement", "83")]


def test_the_management_command_reads_french_excel_csv(tmp_path, organisation):
    path = tmp_path / "structures.csv"
    path.write_bytes(FRENCH_EXCEL_CSV.encode("cp1252"))
    call_command("import_structures", str(path), appliquer=True, stdout=StringIO())
    assert Structure.objects.get(slug="aidants-hyeres").name == "Aidants d'Hyères"


FORMULA = '=HYPERLINK("http://exemple.invalid","Cliquez")'


def test_formula_cells_are_exported_as_text_and_reimported_unchanged(client, people, organisation):
    structure = StructureFactory(
        owner=organisation, slug="piege", name=FORMULA, summary="@SUM(1+1)", phone="+33 4 91 00 00 00"
    )
    client.force_login(people.coordinator)
    csv_content = export_through_admin(client)
    assert f"'{FORMULA}".replace('"', '""') in csv_content.decode("utf-8")
    assert "'@SUM(1+1)" in csv_content.decode("utf-8") and "'+33 4 91 00 00 00" in csv_content.decode("utf-8")

    xlsx_content = export_through_admin(client, file_format="1")
    sheet = openpyxl.load_workbook(BytesIO(xlsx_content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)  # no cell is a formula
    assert f"'{FORMULA}" in [cell.value for cell in cells]

    for content, name, file_format in ((csv_content, "s.csv", "0"), (xlsx_content, "s.xlsx", "1")):
        preview = preview_through_admin(client, content, name=name, file_format=file_format)
        assert "Rien ne change." in page_text(preview)
    structure.refresh_from_db()
    assert structure.name == FORMULA


def test_the_preview_shows_each_change_in_french_words(client, people, carsat):
    client.force_login(people.coordinator)
    data = tablib.Dataset(
        headers=["adresse", "organisation", "nom", "gratuit", "catégorie", "territoires", "sur rendez-vous"]
    )
    data.append(["carsat-sud-est", "proprietaire", "CARSAT Provence", "non", "association", "département:84", ""])
    preview = preview_through_admin(client, data.export("csv").encode())
    text = page_text(preview)
    assert "Modifiée : CARSAT Provence" in text
    assert "Nom : CARSAT Sud-Est → CARSAT Provence" in text
    assert "Gratuit : oui → non" in text
    assert "Catégorie : Organisme public (CPAM, URSSAF, CARSAT, MDPH…) → Association de patientes et d'entraide" in text
    assert "Territoires : région Provence-Alpes-Côte d'Azur, Bouches-du-Rhône (13) → Vaucluse (84)" in text
    assert "Sur rendez-vous" not in text  # unchanged (empty keeps the value)
    for english in ("None", "True", "False", "organisme-public", "Preview", "Update"):
        assert english not in text


def test_each_refused_row_says_why_in_french_on_its_line(client, people, organisation):
    client.force_login(people.coordinator)
    data = tablib.Dataset(headers=["adresse", "organisation", "nom", "en bref", "catégorie", "gratuit", "territoires"])
    data.append(["bonne", "proprietaire", "Bonne", "Une fiche.", "association", "oui", "13"])
    data.append(["mauvaise", "proprietaire", "Mauvaise", "Une fiche.", "club", "peut-être", "région:99"])
    data.append(["inconnue", "nulle-part", "Sans organisation", "Une fiche.", "association", "", ""])
    preview = preview_through_admin(client, data.export("csv").encode())
    text = page_text(preview)
    assert "Des lignes sont à corriger" in text and "Rien n'a été importé" in text
    assert "Gratuit : « peut-être » : écrivez « oui » ou « non »." in text
    assert "Catégorie : « club » n'est pas une valeur possible" in text
    assert "Organisation : Organisation inconnue : « nulle-part »" in text
    assert "Traceback" not in text and "matching query" not in text
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert not Structure.objects.exists()


def test_a_file_without_the_address_column_is_refused_in_french(client, people, organisation):
    client.force_login(people.coordinator)
    preview = preview_through_admin(client, b"nom;commune\r\nAtelier;Gap\r\n")
    text = page_text(preview)
    assert "La colonne « adresse » manque" in text and "import_id_fields" not in text


def test_import_and_export_screens_speak_french(client, people, organisation):
    client.force_login(people.owner_operator)
    for url in (reverse("admin:annuaire_structure_import"), export_url()):
        text = page_text(client.get(url))
        for english in ("Select all", "Kind", "Is Free", "This importer", "This exporter", "Submit", "(kind)"):
            assert english not in text, (url, english)
    export_page = page_text(client.get(export_url()))
    assert "Tout sélectionner" in export_page and "Catégorie" in export_page and "Gratuit" in export_page
    import_page = page_text(client.get(reverse("admin:annuaire_structure_import")))
    assert "région:93" in import_page and "CSV (Excel, séparateur point-virgule)" in import_page


def test_an_operator_sees_her_territory_change_in_the_preview(client, people, carsat):
    """Whether the row is saved or kept as a proposed change, the preview shows what the file asks for."""
    client.force_login(people.owner_operator)
    data = tablib.Dataset(headers=["adresse", "organisation", "territoires"])
    data.append(["carsat-sud-est", "proprietaire", "région:93"])
    text = page_text(preview_through_admin(client, data.export("csv").encode()))
    assert "Territoires : région Provence-Alpes-Côte d'Azur, Bouches-du-Rhône (13) → région Provence" in text
