"""Alerts on new aids matching her search or profile: her phase only with consent, deleted with the alert."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from alertes.models import Alert
from tests.alertes.helpers import link_in, path_of
from tests.factories import AidFactory, _departement

pytestmark = pytest.mark.django_db


def ask(client, query: str, data: dict):
    response = client.post(f"/alertes/recherche/?{query}", data)
    assert response.status_code == 302, response.content.decode()
    confirm = path_of(link_in(mail.outbox[-1], "/alertes/confirmer/"))
    client.post(confirm)
    return Alert.objects.get()


def test_the_phase_needs_explicit_consent(client):
    page = client.get("/alertes/recherche/?phase=traitement&departement=13").content.decode()
    assert "J&#x27;accepte que ma situation" in page
    alert = ask(client, "phase=traitement&departement=13", {"email": "elle@exemple.fr", "rhythm": "hebdo"})
    assert alert.filters == {"departement": "13"}
    assert alert.health_consent_at is None


def test_with_consent_the_phase_is_kept(client):
    alert = ask(
        client,
        "phase=traitement",
        {"email": "elle@exemple.fr", "rhythm": "immediat", "health_consent": "on"},
    )
    assert alert.filters == {"phase": "traitement"}
    assert alert.health_consent_at is not None


def test_new_aids_matching_her_search_are_sent_once(client, people):
    draft = AidFactory(title="Aide pendant les traitements", phases=["traitement"], benefit="Utile", audience="Elles")
    other = AidFactory(title="Aide après les traitements", phases=["apres"], benefit="Utile", audience="Elles")
    ask(client, "phase=traitement", {"email": "elle@exemple.fr", "rhythm": "immediat", "health_consent": "on"})
    mail.outbox.clear()
    draft.publish(by=people.coordinator)
    other.publish(by=people.coordinator)
    mail.outbox.clear()  # (publication notices to the owner)
    call_command("send_alerts", stdout=StringIO())
    to_her = [message for message in mail.outbox if message.to == ["elle@exemple.fr"]]
    assert len(to_her) == 1
    assert "Aide pendant les traitements" in to_her[0].body
    assert "Aide après les traitements" not in to_her[0].body
    assert "traitement" not in to_her[0].subject.lower()
    call_command("send_alerts", stdout=StringIO())
    assert len([message for message in mail.outbox if message.to == ["elle@exemple.fr"]]) == 1


def test_unsubscribing_deletes_her_profile(client):
    alert = ask(
        client,
        "phase=traitement",
        {"email": "elle@exemple.fr", "rhythm": "immediat", "health_consent": "on"},
    )
    url = path_of(link_in(mail.outbox[-1], "/alertes/desinscription/"))
    client.post(url, {"List-Unsubscribe": "One-Click"})
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert not Alert.objects.filter(filters__has_key="phase").exists()
    assert not Alert.objects.filter(email="elle@exemple.fr").exists()


# From her parcours: her answers are read from her cookie, never from the address (issue 18, point 1).


def test_from_her_parcours_the_alert_follows_her_answers_and_the_address_carries_none(client, people):
    from tests.onboarding.test_parcours import set_answers

    set_answers(
        client,
        {"status": "artisane", "phase": "traitement", "departement": "13", "themes": ["bien-etre"]},
    )
    AidFactory(published=True, title="Une aide publiée", benefit="Utile", audience="Elles")
    parcours = client.get("/mon-parcours/").content.decode()
    assert 'href="/alertes/mon-parcours/"' in parcours  # the link: no answer in it

    page = client.get("/alertes/mon-parcours/").content.decode()
    assert "Artisane" in page and "Bouches-du-Rhône (13)" in page
    assert "J&#x27;accepte que ma situation" in page

    response = client.post(
        "/alertes/mon-parcours/", {"email": "elle@exemple.fr", "rhythm": "hebdo", "health_consent": "on"}
    )
    assert response.status_code == 302
    client.post(path_of(link_in(mail.outbox[-1], "/alertes/confirmer/")))
    alert = Alert.objects.get()
    assert alert.filters == {"statut": "artisane", "phase": "traitement", "departement": "13", "theme": ["bien-etre"]}
    assert alert.confirmed_at is not None and alert.health_consent_at is not None


def test_from_her_parcours_without_consent_her_phase_is_not_kept(client):
    from tests.onboarding.test_parcours import set_answers

    set_answers(client, {"status": "ne-sait-pas", "phase": "apres", "departement": "06"})
    client.post("/alertes/mon-parcours/", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    alert = Alert.objects.get()
    assert alert.filters == {"departement": "06"}  # "je ne sais pas" is no statut to filter on
    assert alert.health_consent_at is None


def test_from_her_parcours_a_bad_address_is_said_next_to_the_field_and_kept(client):
    from tests.onboarding.test_parcours import set_answers

    set_answers(client, {"status": "artisane", "departement": "13"})
    page = client.post("/alertes/mon-parcours/", {"email": "elle@exemple", "rhythm": "immediat"}).content.decode()
    assert "Cette adresse e-mail n&#x27;est pas valide" in page
    assert 'value="elle@exemple"' in page
    assert not Alert.objects.exists()


def test_without_answers_the_parcours_alert_sends_her_to_the_parcours(client):
    response = client.get("/alertes/mon-parcours/")
    assert response.status_code == 302 and response["Location"] == "/mon-parcours/"


def test_the_aids_listing_offers_an_alert_with_its_filters(client):
    page = client.get("/ressources/aides/?departement=13&theme=bien-etre").content.decode()
    assert 'href="/alertes/recherche/?departement=13&amp;theme=bien-etre&amp;"' in page
    assert "correspond à cette recherche" in page
    # Filtered by her answers (?selon=mes-reponses): the alert reads them from her cookie too.
    page = client.get("/ressources/aides/?selon=mes-reponses").content.decode()
    assert 'href="/alertes/mon-parcours/"' in page


# Under the agenda and the directory: new events, new structures (issue 18: "a new permanence opens near her").


def test_new_events_near_her_are_sent_from_the_agenda_alert(client, people, organisation):
    from tests.factories import EventFactory

    page = client.get("/agenda/?departement=13&type=atelier").content.decode()
    assert 'href="/alertes/recherche/?liste=agenda&amp;departement=13&amp;type=atelier"' in page
    assert "Me prévenir : les nouveaux événements" in client.get("/alertes/recherche/?liste=agenda").content.decode()
    alert = ask(client, "liste=agenda&departement=13&type=atelier", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    assert alert.filters == {"liste": "agenda", "departement": "13", "type": "atelier"}
    near = EventFactory(owner=organisation, title="Atelier reprise à Marseille", kind="atelier")
    far = EventFactory(owner=organisation, title="Atelier à Nice", kind="atelier", departement=_departement("06"))
    near.publish(by=people.coordinator)
    far.publish(by=people.coordinator)
    mail.outbox.clear()
    call_command("send_alerts", stdout=StringIO())
    to_her = [message for message in mail.outbox if message.to == ["elle@exemple.fr"]]
    assert len(to_her) == 1
    assert "Atelier reprise à Marseille" in to_her[0].body and "Nouvel événement" in to_her[0].body
    assert "Atelier à Nice" not in to_her[0].body


def test_a_new_structure_in_her_departement_is_sent_from_the_directory_alert(client, people, organisation):
    from tests.factories import StructureFactory

    page = client.get("/annuaire/?departement=84").content.decode()
    assert 'href="/alertes/recherche/?liste=annuaire&amp;departement=84&amp;"' in page
    ask(client, "liste=annuaire&departement=84", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    here = StructureFactory(owner=organisation, name="Permanence juridique d'Avignon", territories=[_departement("84")])
    there = StructureFactory(owner=organisation, name="Permanence de Gap", territories=[_departement("05")])
    here.publish(by=people.coordinator)
    there.publish(by=people.coordinator)
    mail.outbox.clear()
    call_command("send_alerts", stdout=StringIO())
    to_her = [message for message in mail.outbox if message.to == ["elle@exemple.fr"]]
    assert len(to_her) == 1 and "Permanence juridique d'Avignon" in to_her[0].body
    assert "Permanence de Gap" not in to_her[0].body
    assert Alert.objects.get().search_what == "les nouvelles structures"  # as her account lists it


def test_an_unknown_listing_is_a_404(client):
    assert client.get("/alertes/recherche/?liste=inconnue").status_code == 404


def test_a_new_group_near_her_is_sent_from_the_groups_alert(client, people, organisation):
    from tests.factories import PeerGroupFactory

    page = client.get("/groupes/?departement=13").content.decode()
    assert 'href="/alertes/recherche/?liste=groupes&amp;departement=13&amp;"' in page
    assert (
        "Me prévenir : les nouveaux groupes de pairs"
        in client.get("/alertes/recherche/?liste=groupes").content.decode()
    )
    ask(client, "liste=groupes&departement=13", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    here = PeerGroupFactory(owner=organisation, name="Groupe de parole à Marseille", format="sur-place")
    there = PeerGroupFactory(
        owner=organisation, name="Groupe de parole à Gap", format="sur-place", departement=_departement("05")
    )
    here.publish(by=people.coordinator)
    there.publish(by=people.coordinator)
    mail.outbox.clear()
    call_command("send_alerts", stdout=StringIO())
    to_her = [message for message in mail.outbox if message.to == ["elle@exemple.fr"]]
    assert len(to_her) == 1 and "Groupe de parole à Marseille" in to_her[0].body
    assert "Nouveau groupe de pairs" in to_her[0].body and "Groupe de parole à Gap" not in to_her[0].body
    assert Alert.objects.get().search_what == "les nouveaux groupes de pairs"
