"""'Me prévenir' on a page: double opt-in, French errors, rate limit, one-click unsubscribe."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from alertes.models import Alert
from tests.alertes.helpers import follow_and_confirm, link_in, path_of
from tests.factories import AidFactory, EventFactory, PeerGroupFactory
from tests.helpers.tokens import altered
from tests.pairs.helpers import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def aid():
    return AidFactory(published=True, title="Indemnités journalières", amount="22 € par jour", amount_year=2026)


def test_the_aid_page_offers_me_prevenir(client, aid):
    page = client.get(aid.get_absolute_url()).content.decode()
    assert "Me prévenir" in page
    assert f"/alertes/suivre/ressources.aid/{aid.pk}/" in page


def test_a_full_group_offers_me_prevenir_and_an_open_one_does_not(client):
    group = PeerGroupFactory(published=True, capacity=1)
    assert f"/alertes/suivre/pairs.peergroup/{group.pk}/" not in client.get(group.get_absolute_url()).content.decode()
    take(group, first_name="Anne", email="anne@exemple.fr")
    assert f"/alertes/suivre/pairs.peergroup/{group.pk}/" in client.get(group.get_absolute_url()).content.decode()


def test_the_event_page_offers_me_prevenir(client):
    event = EventFactory(published=True)
    assert f"/alertes/suivre/agenda.event/{event.pk}/" in client.get(event.get_absolute_url()).content.decode()


def test_double_opt_in(client, aid, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        page = client.get(f"/alertes/suivre/ressources.aid/{aid.pk}/")
    assert "Votre adresse e-mail" in page.content.decode()
    response = client.post(
        f"/alertes/suivre/ressources.aid/{aid.pk}/", {"email": "elle@exemple.fr", "rhythm": "immediat"}
    )
    assert response["Location"] == "/alertes/demandee/"
    assert "Vérifiez votre boîte e-mail" in client.get("/alertes/demandee/").content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Confirmez votre alerte du Guichet unique"
    assert message.to == ["elle@exemple.fr"]
    assert "Rien ne vous sera envoyé avant votre confirmation" in message.body
    alert = Alert.objects.get()
    assert not alert.is_confirmed
    # Nothing before she confirms: a published change is not sent.
    aid.amount = "25 € par jour"
    aid.save()
    call_command("send_alerts", stdout=StringIO())
    assert len(mail.outbox) == 1
    # The link opens a page with a button (a mail scanner following the link confirms nothing).
    confirm = path_of(link_in(message, "/alertes/confirmer/"))
    with django_assert_max_num_queries(10):
        page = client.get(confirm)
    assert "Je confirme mon alerte" in page.content.decode()
    alert.refresh_from_db()
    assert not alert.is_confirmed
    with django_assert_max_num_queries(10):
        page = client.post(confirm)
    assert "Votre alerte est confirmée" in page.content.decode()
    alert.refresh_from_db()
    assert alert.is_confirmed


def test_an_altered_confirmation_link_confirms_nothing(client, aid):
    client.post(f"/alertes/suivre/ressources.aid/{aid.pk}/", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    confirm = path_of(link_in(mail.outbox[0], "/alertes/confirmer/"))
    response = client.post(altered(confirm.rstrip("/")) + "/")
    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    assert not Alert.objects.get().is_confirmed


def test_bad_input_french_errors_next_to_the_field_and_typed_text_kept(client, aid):
    response = client.post(f"/alertes/suivre/ressources.aid/{aid.pk}/", {"email": "elle@exemple", "rhythm": "jamais"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cette adresse e-mail n&#x27;est pas valide" in page
    assert "Choisissez l&#x27;un des rythmes proposés." in page
    assert 'value="elle@exemple"' in page
    assert 'aria-describedby="id_email_error' in page or "id_email_error" in page
    assert not Alert.objects.exists()
    assert mail.outbox == []


def test_rate_limited(client, aid):
    url = f"/alertes/suivre/ressources.aid/{aid.pk}/"
    for n in range(5):
        assert client.post(url, {"email": f"elle{n}@exemple.fr", "rhythm": "hebdo"}).status_code == 302
    response = client.post(url, {"email": "encore@exemple.fr", "rhythm": "hebdo"})
    assert response.status_code == 200
    assert "réessayez dans une heure" in response.content.decode()
    assert 'value="encore@exemple.fr"' in response.content.decode()
    assert Alert.objects.count() == 5


def test_an_unpublished_entry_cannot_be_followed(client):
    draft = AidFactory()
    assert client.get(f"/alertes/suivre/ressources.aid/{draft.pk}/").status_code == 404
    assert client.get("/alertes/suivre/guichet.organisation/1/").status_code == 404


def test_unsubscribe_by_one_click_header(client, aid):
    """RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the header's address, no cookie, no token."""
    alert = follow_and_confirm(client, aid)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http") and "/alertes/desinscription/" in url
    from django.test import Client

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(path_of(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Alert.objects.filter(pk=alert.pk).exists()


def test_unsubscribe_by_the_link_in_the_message(client, aid, django_assert_max_num_queries):
    alert = follow_and_confirm(client, aid)
    url = path_of(link_in(mail.outbox[0], "/alertes/desinscription/"))
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert "Me désinscrire" in page.content.decode()
    assert Alert.objects.filter(pk=alert.pk).exists()  # a GET deletes nothing
    page = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert "Vous êtes désinscrite" in page.content.decode()
    assert not Alert.objects.exists()


def test_a_wrong_unsubscribe_token_deletes_nothing(client, aid):
    alert = follow_and_confirm(client, aid)
    response = client.post(f"/alertes/desinscription/{alert.pk}-faux/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Alert.objects.filter(pk=alert.pk).exists()
    assert client.get(f"/alertes/desinscription/{alert.pk}-faux/").status_code == 404
