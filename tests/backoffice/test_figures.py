"""Figures for funders: every table hides small cells, a CSV, a chart drawn on the server, the most read pages."""

import datetime

import pytest
from django.utils import timezone

from annuaire.models import ContactRequest
from guichet import pageviews
from guichet.models import PageView
from onboarding.models import UsageCount
from tests.factories import AidFactory, SheetFactory

pytestmark = pytest.mark.django_db
URL = "/admin/onboarding/usagecount/"


@pytest.fixture
def figures():
    today = timezone.localdate()
    for n in range(12):
        UsageCount.objects.create(
            day=today - datetime.timedelta(days=n), kind="questionnaire", phase="traitement", count=3
        )
    UsageCount.objects.create(day=today, kind="imprime", count=6)
    UsageCount.objects.create(day=today, kind="envoye", count=2)
    PageView.objects.create(day=today, kind="fiches", slug="une-fiche", count=4)
    for state, n in (("nouvelle", 7), ("close", 2)):
        for _ in range(n):
            ContactRequest.objects.create(
                message="x", contact_method="email", email="a@exemple.fr", state=state, consented_at=timezone.now()
            )


def test_the_figures_page_hides_small_cells_everywhere(client, people, figures):
    client.force_login(people.coordinator)
    html = client.get(URL).content.decode()
    assert "<td>36</td>" in html  # 12 days × 3 questionnaires in treatment
    requests = html.split("Demandes de mise en relation, par état</h2>")[1].split("</table>")[0]
    assert "<td>7</td>" not in requests and requests.count("&lt; 5") == 2 and "<td>9</td>" in requests
    actions = html.split("Parcours imprimés, envoyés, enregistrés</h2>")[1].split("</table>")[0]
    assert "<td>6</td>" not in actions and actions.count("&lt; 5") == 2
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "Questionnaires terminés par semaine" in html


def test_csv_export(client, people, figures):
    client.force_login(people.coordinator)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)
    response = client.get(
        URL, {"start": f"{start:%Y-%m-%d}", "end": f"{today:%Y-%m-%d}", "kind": "questionnaire", "format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert "Demandes de mise en relation, par état;Nouvelle;< 5" in text
    assert "Questionnaire terminé — par phase;Je suis en traitement;36" in text


def test_reads_are_counted_cache_hits_included_and_listed(client, people, organisation, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    aid = AidFactory(owner=organisation, published=True, title="Aide très lue", slug="aide-tres-lue")
    SheetFactory(owner=organisation, published=True, title="Fiche lue", slug="fiche-lue")
    for _ in range(3):
        client.get("/ressources/aides/aide-tres-lue/")
    client.get("/ressources/fiches/fiche-lue/")
    client.get("/ressources/aides/inexistante/")
    assert PageView.objects.count() == 0  # nothing written per read
    pageviews.flush()
    assert PageView.objects.get(slug=aid.slug).count == 3
    client.force_login(people.coordinator)
    html = client.get(URL).content.decode()
    assert "Aide : Aide très lue</th><td>3</td>" in html and "Fiche : Fiche lue" in html
    assert not PageView.objects.filter(slug="inexistante").exists()


def test_the_figures_page_costs_the_same_queries_whatever_the_volume(
    client, people, figures, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for n in range(30):
        UsageCount.objects.create(day=timezone.localdate(), kind="questionnaire", departement=f"{n:02d}", count=n)
        PageView.objects.create(day=timezone.localdate(), kind="aides", slug=f"aide-{n}", count=n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
