"""Issue 16, point 5 ("forms 4,000–7,700 px tall"): in every editorial form, what an operator fills most comes first
(the title, what it is, dates or hours, how to reach it), in fieldsets with French titles; the workflow and what only
the site needs come last, the technical part folded away."""

import html as html_lib
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from guichet.models.editorial import EditorialModel
from tests.factories import EventFactory, PeerGroupFactory, StructureFactory

pytestmark = pytest.mark.django_db

WORKFLOW = {"status", "owner", "organisation", "source_url", "source_date"}
TECHNICAL = {"slug", "is_demo", "created_at", "updated_at", "reviewed_at"}
FIRST = {
    "guichet.announcement": ("title", "summary"),
    "ressources.sheet": ("title", "summary"),
    "ressources.aid": ("title", "summary"),
    "ressources.inspiringcontent": ("title", "summary"),
    "annuaire.structure": ("name", "summary"),
    "agenda.event": ("title", "summary"),
    "pairs.peergroup": ("name", "summary"),
}
# Right after "L'essentiel": dates or hours, and how to reach her, where the model has them.
SECOND = {
    "annuaire.structure": ("opening_hours", "phone", "email"),
    "agenda.event": ("starts_at", "ends_at", "repeat"),
    "ressources.aid": ("how_to_apply", "apply_organisation", "apply_url", "apply_phone"),
}


def editorial_admins():
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, EditorialModel)
    }


def test_every_editorial_model_is_checked():
    assert set(editorial_admins()) == set(FIRST)


@pytest.mark.parametrize("label", sorted(FIRST))
def test_most_filled_fields_first_workflow_and_technical_last(label):
    fieldsets = editorial_admins()[label].fieldsets
    titles = [title for title, _ in fieldsets]
    assert all(titles), f"{label}: every fieldset has a French title"
    assert titles[0] == "L'essentiel"
    first_fields = fieldsets[0][1]["fields"]
    assert first_fields[: len(FIRST[label])] == FIRST[label]
    if label in SECOND:
        assert set(SECOND[label]) <= set(fieldsets[1][1]["fields"])
    *content, publication, technical = fieldsets
    assert publication[0] == "Publication et relecture" and set(publication[1]["fields"]) <= WORKFLOW
    assert technical[0] == "Informations techniques" and "collapse" in technical[1]["classes"]
    assert set(technical[1]["fields"]) == TECHNICAL
    for _, options in content:
        assert not (set(options["fields"]) & (WORKFLOW | TECHNICAL)), label


def _headings(html: str) -> list[str]:
    return [html_lib.unescape(h) for h in re.findall(r'class="fieldset-heading">([^<]+)<', html)]


@pytest.mark.parametrize(
    "factory, url_name",
    [
        (StructureFactory, "admin:annuaire_structure_change"),
        (EventFactory, "admin:agenda_event_change"),
        (PeerGroupFactory, "admin:pairs_peergroup_change"),
    ],
)
def test_the_operator_sees_the_essentials_first(client, people, organisation, factory, url_name):
    entry = factory(owner=organisation)
    client.force_login(people.owner_operator)
    html = client.get(reverse(url_name, args=[entry.pk])).content.decode()
    headings = _headings(html)
    assert headings[0] == "L'essentiel" and headings[-2:] == ["Publication et relecture", "Informations techniques"]
    # The technical part is folded away (its fields are still sent with the form).
    assert "<details><summary>" in html.split("Publication et relecture")[1]


def test_a_slug_error_opens_the_technical_part_and_keeps_what_she_typed(client, people, organisation):
    StructureFactory(owner=organisation, slug="pris")
    client.force_login(people.owner_operator)
    add = reverse("admin:annuaire_structure_add")
    from tests.helpers.forms import admin_form

    data = admin_form(client, add)
    data.update({"name": ["Maison des entrepreneuses"], "summary": ["Un lieu d'accueil."], "slug": ["pris"]})
    data["owner"] = [str(organisation.pk)]
    response = client.post(add, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maison des entrepreneuses" in html
    technical = html.split('class="fieldset-heading">Informations techniques')[0].rsplit("<fieldset", 1)[1]
    assert "<details>" not in technical  # open: the error is visible next to the field
