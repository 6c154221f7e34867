"""French throughout the back office (issue 16, point 5): an operator's main pages carry no English word and no
Django jargon ("objet"); the person page never shows a password hash; the import says it finished in French."""

import re
from html.parser import HTMLParser

import pytest
import tablib
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import AidFactory, EventFactory, StructureFactory

pytestmark = pytest.mark.django_db

ENGLISH = ["Select", "Add", "Change", "Save", "Delete", "object", "Kind", "Is", "None", "Import finished"]


class VisibleText(HTMLParser):
    """The words a person reads: text outside scripts and styles, button labels, titles."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self.hidden += 1
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.parts.append(attrs.get("value") or "")
        for name in ("title", "aria-label", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def assert_plain_french(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    english = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not english, f"{url}: {english}"
    assert not re.search(r"\bobjets?\b", text, re.IGNORECASE), url


def test_an_operators_main_pages_are_in_plain_french(client, people, organisation):
    aid = AidFactory(owner=organisation, title="Aide du Var", published=True)
    structure = StructureFactory(owner=organisation, name="Maison des patientes")
    event = EventFactory(owner=organisation)
    client.force_login(people.owner_operator)
    urls = [reverse("admin:index")]
    for entry in (aid, structure, event):
        opts = entry._meta
        urls += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk]),
        ]
    urls += [reverse("admin:annuaire_structure_import"), reverse("admin:annuaire_structure_export")]
    for url in urls:
        assert_plain_french(client, url)


def test_titles_say_what_the_page_is(client, people, organisation):
    aid = AidFactory(owner=organisation, title="Aide du Var")
    client.force_login(people.owner_operator)
    assert "<h1>Aides et dispositifs</h1>" in client.get(reverse("admin:ressources_aid_changelist")).content.decode()
    add = client.get(reverse("admin:ressources_aid_add")).content.decode()
    assert "<h1>Ajouter une aide ou un dispositif</h1>" in add
    change = client.get(reverse("admin:ressources_aid_change", args=[aid.pk])).content.decode()
    assert "<h1>Modifier : Aide du Var</h1>" in change


def test_a_persons_page_never_shows_her_password_hash(client, people, django_capture_on_commit_callbacks):
    from django.core import mail

    people.owner_operator.set_password("Un-mot-de-passe-tres-solide-2027")
    people.owner_operator.save()
    for person in (people.coordinator, people.administrator):
        client.force_login(person)
        url = reverse("admin:guichet_user_change", args=[people.owner_operator.pk])
        html = client.get(url).content.decode()
        assert "pbkdf2" not in html and "argon2" not in html and "hachage" not in html.lower()
        assert "défini, jamais affiché" in html
        assert_plain_french(client, url)
    reset = reverse("admin:guichet_user_send_reset", args=[people.owner_operator.pk])
    assert client.get(reset).status_code == 200
    assert client.post(reset).status_code == 302
    assert mail.outbox[-1].to == [people.owner_operator.email]
    client.force_login(people.owner_operator)
    assert client.post(reset).status_code in (302, 403)
    assert len(mail.outbox) == 1


def test_the_import_says_it_finished_in_french(people):
    from django.contrib import admin

    from annuaire.admin import StructureAdmin
    from annuaire.models import Structure

    request = RequestFactory().post("/")
    request.user = people.owner_operator
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    model_admin = StructureAdmin(Structure, admin.site)
    resource = model_admin.get_import_resource_classes(request)[0](user=people.owner_operator)
    result = resource.import_data(tablib.Dataset(headers=["nom"]), dry_run=True)
    model_admin.add_success_message(result, request)
    [message] = [str(m) for m in get_messages(request)]
    assert message.startswith("Import terminé") and "finished" not in message


def test_the_editor_speaks_french(client, people, organisation):
    aid = AidFactory(owner=organisation)
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:ressources_aid_change", args=[aid.pk])).content.decode()
    catalog = reverse("editor_jsi18n")
    assert f'<script src="{catalog}"></script>' in html
    script = client.get(catalog).content.decode()
    assert "Mettre \\u00e0 jour" in script or "Mettre à jour" in script
