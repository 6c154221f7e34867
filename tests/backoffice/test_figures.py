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


def last_month_day(n=0):
    """A day of the last whole month (the figures show closed months only)."""
    return timezone.localdate().replace(day=1) - datetime.timedelta(days=1 + n)


@pytest.fixture
def figures():
    for n in range(12):
        UsageCount.objects.create(day=last_month_day(n), kind="questionnaire", phase="traitement", count=3)
    UsageCount.objects.create(day=last_month_day(), kind="imprime", count=6)
    UsageCount.objects.create(day=last_month_day(), kind="envoye", count=2)
    PageView.objects.create(day=last_month_day(), kind="fiches", slug="une-fiche", count=4)
    created = timezone.make_aware(datetime.datetime.combine(last_month_day(), datetime.time(12)))
    for state, n in (("nouvelle", 7), ("close", 2)):
        for _ in range(n):
            request = ContactRequest.objects.create(
                message="x", contact_method="email", email="a@exemple.fr", state=state, consented_at=timezone.now()
            )
            ContactRequest.objects.filter(pk=request.pk).update(created_at=created)


def test_the_figures_page_hides_small_cells_everywhere(client, people, figures):
    client.force_login(people.coordinator)
    html = client.get(URL).content.decode()
    assert "<td>36</td>" in html  # 12 days × 3 questionnaires in treatment
    requests = html.split("Demandes de mise en relation, par état</h2>")[1].split("</table>")[0]
    # 7 and 2: the 2 is "< 5", the 7 is "masqué" (never "< 5": it counts 7 people), and the page says why.
    assert "<td>7</td>" not in requests and requests.count("&lt; 5") == 1 and "<td>masqué</td>" in requests
    assert "<td>9</td>" in requests and "pour que le total ne révèle pas une petite case" in html
    actions = html.split("Parcours imprimés, envoyés, enregistrés</h2>")[1].split("</table>")[0]
    assert "<td>6</td>" not in actions and actions.count("&lt; 5") == 1 and "<td>masqué</td>" in actions
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "Questionnaires terminés par semaine" in html


def test_csv_export_works_at_the_first_click(client, people, figures):
    client.force_login(people.coordinator)
    response = client.get(URL, {"format": "csv"})  # the link of the page before "Afficher" is ever clicked
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert "Demandes de mise en relation, par état;Nouvelle;masqué" in text
    assert "Demandes de mise en relation, par état;Close;< 5" in text
    assert "Questionnaire terminé — par phase;Je suis en traitement;36" in text


def test_periods_are_whole_closed_months(client, people, figures):
    """A day, or two periods a day apart, could single out one visitor: only whole, closed months can be chosen."""
    UsageCount.objects.create(day=timezone.localdate(), kind="questionnaire", phase="apres", count=1)
    client.force_login(people.coordinator)
    html = client.get(URL).content.decode()
    assert "Mes traitements sont finis" not in html  # the current month is never shown
    month = f"{last_month_day():%Y-%m}"
    day = f"{last_month_day():%Y-%m-%d}"
    response = client.get(URL, {"start": day, "end": day, "kind": "questionnaire"})
    assert "Choisissez un mois terminé dans la liste." in response.content.decode()
    ok = client.get(URL, {"start": month, "end": month, "kind": "questionnaire"}).content.decode()
    assert "<td>36</td>" in ok


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
    PageView.objects.update(day=last_month_day())  # the figures show closed months: a month later
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
        UsageCount.objects.create(day=last_month_day(), kind="questionnaire", departement=f"{n:02d}", count=n)
        PageView.objects.create(day=last_month_day(), kind="aides", slug=f"aide-{n}", count=n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
