"""Reading and writing the spreadsheets partners exchange with the back office, as French Excel makes them.

CSV files may come with semicolons, commas or tabs, in UTF-8 (with or without BOM) or Windows-1252: the separator is
read from the header line and the encoding is tried in that order. Our CSV exports use semicolons and a UTF-8 BOM,
so that French Excel opens them in columns with their accents. A cell that a spreadsheet would run as a formula
(starting with =, +, -, @, a tab or a carriage return) is exported behind an apostrophe, and the apostrophe is taken
off again on import, so that an unmodified export imports unchanged.
"""

import csv
import datetime
import io
import warnings

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
DELIMITERS = (";", ",", "\t")


def escape_formula(value):
    """A text a spreadsheet would run as a formula, made inert behind an apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def unescape_formula(value):
    """The reverse of `escape_formula`, for an exported file imported again."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def decode(data: bytes | str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as French Excel writes it."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(
            "Le fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le depuis votre tableur en « CSV UTF-8 »."
        ) from None


def delimiter_of(text: str) -> str:
    """The separator that splits the header line into the most columns (semicolon first when tied)."""
    header = text.splitlines()[0] if text else ""
    counts = {delimiter: len(next(csv.reader([header], delimiter=delimiter), [])) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def read_csv(data: bytes | str) -> tablib.Dataset:
    text = decode(data)
    if not text.strip():
        raise ValidationError("Le fichier est vide.")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text)))
    headers, *lines = [row for row in rows if any(cell.strip() for cell in row)]
    dataset = tablib.Dataset(headers=[header.strip() for header in headers])
    for number, line in enumerate(lines, start=2):
        if len(line) > len(headers):
            raise ValidationError(
                f"Ligne {number} du fichier : {len(line)} cellules pour {len(headers)} colonnes. "
                "Un texte contenant le séparateur doit être entre guillemets."
            )
        dataset.append(line + [""] * (len(headers) - len(line)))
    return dataset


def read_xlsx(data: bytes) -> tablib.Dataset:
    try:
        loaded = tablib.Dataset().load(data, format="xlsx")
    except Exception:
        raise ValidationError("Ce fichier n'est pas un classeur Excel (.xlsx) lisible.") from None
    dataset = tablib.Dataset(headers=[str(header or "").strip() for header in loaded.headers or []])
    for line in loaded:
        dataset.append([_cell_text(cell) for cell in line])
    return dataset


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%d/%m/%Y %H:%M" if (cell.hour, cell.minute) != (0, 0) else "%d/%m/%Y")
    if isinstance(cell, datetime.date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def read_table(data: bytes | str, *, filename: str = "") -> tablib.Dataset:
    """A CSV or .xlsx file as a dataset of texts; a French `ValidationError` when it cannot be read."""
    if filename.lower().endswith(".xlsx") or (isinstance(data, bytes) and data[:2] == b"PK"):
        return read_xlsx(data)
    return read_csv(data)


class FrenchCSV(base_formats.CSV):
    """CSV as French Excel reads and writes it (see the module docstring). Read as bytes to find the encoding."""

    def get_title(self):
        return "CSV (Excel, séparateur point-virgule)"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", delimiter=";")

    def get_content_type(self):
        return "text/csv; charset=utf-8"


class FrenchXLSX(base_formats.XLSX):
    def get_title(self):
        return "Excel (.xlsx)"

    def create_dataset(self, in_stream):
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        from openpyxl.utils.exceptions import IllegalCharacterError

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning)  # openpyxl's own
            try:
                return dataset.export("xlsx")
            except IllegalCharacterError:
                self._escape_illegal_chars(dataset)
                return dataset.export("xlsx")


class FrenchExportForm(SelectableFieldsExportForm):
    """The column choice labelled with each column's French header, not the English attribute name."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        label = str(field.column_name if field else field_name)
        return label[:1].upper() + label[1:]


class SpreadsheetAdminMixin:
    """For an admin with django-import-export: French CSV and Excel only, French column labels."""

    formats = [FrenchCSV, FrenchXLSX]
    export_form_class = FrenchExportForm

    def add_success_message(self, result, request):
        from import_export.results import RowResult

        totals = result.totals
        messages.success(
            request,
            f"Import terminé ({self.model._meta.verbose_name_plural}) : "
            f"{totals[RowResult.IMPORT_TYPE_NEW]} ligne(s) ajoutée(s), "
            f"{totals[RowResult.IMPORT_TYPE_UPDATE]} modifiée(s), "
            f"{totals[RowResult.IMPORT_TYPE_DELETE]} supprimée(s), "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} sans changement.",
        )

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ValidationError):
            form.add_error("import_file", e.messages)
        else:
            form.add_error("import_file", "Ce fichier ne peut pas être lu : choisissez le format qui lui correspond.")
