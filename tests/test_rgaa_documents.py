"""RGAA 13.3 and 13.4: the only documents offered for download (tests/test_rgaa_validity.py finds no other on the
sample's pages) are the admin's spreadsheets: the export of a list (CSV or Excel), the anonymous figures (CSV), the
attendance sheet of a peer group (CSV). Each is accessible as it is: a table of text with one row of headers, a row
per entry, every row as wide as the headers; for Excel, a single named sheet, no merged cell, no image."""

import csv
import io
import re

import openpyxl
import pytest

from tests.factories import PeerGroupFactory, StructureFactory

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and "csv" in response["Content-Type"], response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","))


def _is_a_table(rows: list[list[str]], headers_at: int = 0) -> None:
    headers = rows[headers_at]
    assert headers and all(str(cell).strip() for cell in headers), headers
    assert all(len(row) == len(headers) for row in rows[headers_at:]), [len(row) for row in rows]


def test_the_export_of_a_list_is_a_table_in_csv_and_in_excel(client, people, organisation):
    StructureFactory(owner=organisation, name="Maison des entrepreneuses", published=True)
    client.force_login(people.coordinator)
    path = "/admin/annuaire/structure/export/"
    page = client.get(path).content.decode()
    columns = {name: "on" for name in re.findall(r'name="(structureresource_[^"]+)"', page)}
    formats = dict(re.findall(r'<option value="(\d+)">([^<]+)</option>', page))
    assert sorted(formats.values()) == ["CSV (Excel, séparateur point-virgule)", "Excel (.xlsx)"]
    for value, label in formats.items():
        response = client.post(path, {"format": value, "resource": "0", **columns})
        if label.startswith("CSV"):
            rows = _csv_rows(response)
            _is_a_table(rows)
            assert any("Maison des entrepreneuses" in row for row in rows[1:])
        else:
            assert response.status_code == 200, response.status_code
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            [sheet] = book.worksheets
            assert sheet.title.strip() and not sheet.merged_cells.ranges and not sheet._images
            rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
            _is_a_table(rows)
            assert any("Maison des entrepreneuses" in row for row in rows[1:])


def test_the_figures_and_the_attendance_sheet_are_tables(client, people, organisation):
    client.force_login(people.coordinator)
    rows = _csv_rows(client.get("/admin/onboarding/usagecount/?format=csv"))
    # A line saying the period (and, if any, why a figure is masked), then the table and its headers.
    headers_at = next(i for i, row in enumerate(rows) if row[:3] == ["Tableau", "Ligne", "Nombre"])
    assert headers_at <= 2
    _is_a_table(rows, headers_at)
    group = PeerGroupFactory(owner=organisation, published=True)
    rows = _csv_rows(client.get(f"/admin/pairs/peergroup/{group.pk}/emargement.csv"))
    assert rows[0][:3] == ["Prénom ou pseudonyme", "E-mail", "Téléphone"]
    _is_a_table(rows)
