"""Durations and the covered area are said as the settings and the data decide (guichet.terms): change a setting or
open a département, and the pages and e-mails follow (issue 20, point 5)."""

import pytest
from django.core import mail

from guichet import terms
from guichet.models import Territory


def test_days_and_hours_in_words():
    assert [terms.days(n) for n in (1, 7, 30, 60, 61, 92, 182, 335, 365, 400)] == [
        "1 jour",
        "7 jours",
        "30 jours",
        "2 mois",
        "2 mois",
        "3 mois",
        "6 mois",
        "11 mois",
        "12 mois",
        "400 jours",
    ]
    assert (terms.hours(1), terms.hours(48)) == ("1 heure", "48 heures")


@pytest.mark.django_db
def test_the_alert_pages_say_the_delays_the_settings_set(client, settings, organisation):
    from tests.factories import AidFactory

    aid = AidFactory(owner=organisation, published=True)
    follow = f"/alertes/suivre/ressources.aid/{aid.pk}/"
    assert (
        "si vous ne confirmez pas sous 7 jours, ou après 12 mois sans confirmation"
        in client.get(follow).content.decode()
    )
    settings.GUICHET_ALERT_UNCONFIRMED_DAYS, settings.GUICHET_ALERT_EXPIRY_DAYS = 10, 183
    assert (
        "si vous ne confirmez pas sous 10 jours, ou après 6 mois sans confirmation"
        in client.get(follow).content.decode()
    )
    assert "ou après 6 mois sans confirmation" in client.get("/alertes/recherche/?phase=traitement").content.decode()
    client.post("/alertes/recherche/", {"email": "elle@exemple.fr", "rhythm": "hebdo"})
    assert "la demande sera effacée dans 10 jours" in mail.outbox[-1].body


@pytest.mark.django_db
def test_the_freshness_reminder_says_the_review_delay_the_settings_set(settings, people, organisation):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from tests.factories import AidFactory

    settings.GUICHET_REVIEW_AFTER_DAYS, settings.GUICHET_OUTDATED_GRACE_DAYS = 91, 30
    AidFactory(owner=organisation, published=True, reviewed_at=timezone.now() - datetime.timedelta(days=100))
    mail.outbox.clear()
    call_command("remind_stale_entries", verbosity=0)
    to_operator = next(m for m in mail.outbox if m.to == [people.owner_operator.email])
    assert "ou pas depuis plus de 3 mois" in to_operator.body
    assert "30 jours après les 3 mois" in to_operator.body
    assert "six mois" not in to_operator.body


@pytest.mark.django_db
def test_outside_coverage_the_sentence_names_the_covered_regions(client):
    page = client.get("/annuaire/", {"departement": "31"}).content.decode()
    assert "il l'est pour l'instant dans la région Provence-Alpes-Côte d&#x27;Azur." in page
    Territory.objects.filter(kind="departement", code="34").update(is_covered=True)  # Hérault, Occitanie
    page = client.get("/annuaire/", {"departement": "31"}).content.decode()
    assert "dans les régions Occitanie et Provence-Alpes-Côte d&#x27;Azur." in page
    assert (
        "dans les régions Occitanie et Provence-Alpes-Côte d&#x27;Azur et en ligne"
        in client.get("/agenda/").content.decode()
    )
