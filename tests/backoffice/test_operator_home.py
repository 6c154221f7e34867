"""An operator's home is her to-do (issue 16, point 5): on /admin/, her organisations' entries to confirm or update,
sent back with a comment, waiting for review, recently published, and error reports on them, each with a link; the
number of queries does not grow with her entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guichet import proposals
from guichet.models import ErrorReport
from tests.factories import AidFactory, StructureFactory

pytestmark = pytest.mark.django_db


def _change_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def _her_entries(people, organisation, n):
    operator, coordinator = people.owner_operator, people.coordinator
    made = {}
    made["stale"] = StructureFactory(owner=organisation, name=f"Maison jamais vérifiée {n}", published=True)
    made["stale"].reviewed_at = None
    made["stale"].save()
    made["new"] = AidFactory(owner=organisation, title=f"Aide nouvelle {n}", reviewed_at=timezone.now())
    made["new"].submit_for_review(by=operator)
    made["published"] = AidFactory(owner=organisation, title=f"Aide publiée {n}", reviewed_at=timezone.now())
    made["published"].publish(by=coordinator)
    made["pending"] = AidFactory(owner=organisation, title=f"Aide corrigée {n}", published=True)
    made["pending"].summary = "Nouveau résumé"
    proposals.propose(made["pending"], by=operator, fields=["summary"])
    made["sent_back"] = AidFactory(owner=organisation, title=f"Aide renvoyée {n}", published=True)
    made["sent_back"].summary = "Résumé à revoir"
    proposal = proposals.propose(made["sent_back"], by=operator, fields=["summary"])
    proposals.send_back(proposal, by=coordinator, comment=f"Le montant n'est plus le bon {n}")
    made["reported"] = AidFactory(owner=organisation, title=f"Aide signalée {n}", published=True)
    ErrorReport.objects.create(
        entry=made["reported"], entry_title="x", entry_url="/", message=f"Le numéro de téléphone est faux {n}"
    )
    return made


def _home(client):
    return client.get(reverse("admin:index")).content.decode()


def test_her_home_lists_what_she_has_to_do_with_links(client, people, organisation, other_organisation):
    made = _her_entries(people, organisation, 1)
    theirs = AidFactory(owner=other_organisation, title="Aide d'une autre association", published=True)
    ErrorReport.objects.create(entry=theirs, entry_title="x", entry_url="/", message="Message d'ailleurs")
    client.force_login(people.owner_operator)
    html = _home(client)
    sections = {
        "Renvoyées avec un commentaire": ["sent_back"],
        "À confirmer ou à mettre à jour": ["stale"],
        "En attente de relecture": ["new", "pending"],
        "Publiées récemment": ["published"],
        "Erreurs signalées sur vos fiches": ["reported"],
    }
    titles = list(sections)
    for position, (title, keys) in enumerate(sections.items()):
        start = html.index(title)
        end = html.index(titles[position + 1]) if position + 1 < len(titles) else len(html)
        section = html[start:end]
        for key in keys:
            assert f'href="{_change_url(made[key])}"' in section, (title, key)
    assert "Le montant n&#x27;est plus le bon 1" in html
    assert "Le numéro de téléphone est faux 1" in html
    assert "Aide d&#x27;une autre association" not in html and "Message d&#x27;ailleurs" not in html
    assert "Modifications proposées" not in html  # the coordinator's desk is hers only


def test_her_home_costs_the_same_number_of_queries_with_more_entries(client, people, organisation):
    client.force_login(people.owner_operator)
    _her_entries(people, organisation, 1)
    _home(client)
    with CaptureQueriesContext(connection) as few:
        _home(client)
    for n in range(2, 5):
        _her_entries(people, organisation, n)
    with CaptureQueriesContext(connection) as many:
        html = _home(client)
    assert "Aide signalée 4" in html
    assert len(many) == len(few)
