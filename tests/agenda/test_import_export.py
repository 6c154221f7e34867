"""Issue 16, "Import that cannot corrupt", for events: an unmodified export re-imports unchanged (dates, choices,
themes, département written "département:13"), a région is refused where a département is expected, in French."""

import html

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags

from agenda.models import Event
from agenda.resources import EventResource
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_an_unmodified_event_export_reimports_unchanged(client, people, organisation):
    event = EventFactory(
        owner=organisation,
        slug="atelier-marseille",
        published=True,
        themes=["argent-aides"],
        repeat="hebdomadaire",
        price_note="-50 % pour les adhérentes",
        is_free=False,
    )
    client.force_login(people.coordinator)
    fields = EventResource().get_export_order()
    for file_format, name in (("0", "agenda.csv"), ("1", "agenda.xlsx")):
        content = client.post(
            reverse("admin:agenda_event_export"),
            {"format": file_format, "resource": "0", **{f"eventresource_{field}": "on" for field in fields}},
        ).content
        if file_format == "0":
            text = content.decode("utf-8")
            assert "département:13" in text and "'-50 % pour les adhérentes" in text
            assert "Chaque semaine, le même jour" in text  # the choice in words, not its code
        preview = client.post(
            reverse("admin:agenda_event_import"),
            {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
        )
        text = page_text(preview)
        assert "Rien ne change." in text and "Modifiée" not in text, text[-1500:]
    event.refresh_from_db()
    assert event.price_note == "-50 % pour les adhérentes" and event.departement.code == "13"


def test_a_region_is_refused_where_a_departement_is_expected(people, organisation):
    data = tablib.Dataset(
        headers=["adresse", "titre", "type d'événement", "en bref", "organisateur (hors annuaire)", "département"]
    )
    data.append(["atelier", "Atelier", "atelier", "Un atelier.", "Association", "région:93"])
    result = EventResource(user=people.owner_operator).import_data(data, dry_run=True)
    [row] = result.invalid_rows
    assert row.error_dict["Département"][0] == (
        "« région:93 » : seul un département est attendu ici (code INSEE, par exemple 13 ou 2A)."
    )
    assert not Event.objects.exists()
