"""What she can do with her parcours: print, e-mail, continue on her phone, save with consent, erase; and the
coordinator's anonymous figures."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from annuaire.models import ContactRequest
from guichet import answers as answers_cookie
from guichet.answers import Answers, make_link_token
from onboarding.models import SavedAnswers, UsageCount
from tests.factories import AidFactory, UserFactory
from tests.helpers.tokens import altered

pytestmark = pytest.mark.django_db

ANSWERS = {"status": "artisane", "phase": "traitement", "departement": "13"}


def set_answers(client, answers, **state):
    """Her answers as the site keeps them: in their own encrypted cookie, carried by the client from now on.
    `state`: more of the cookie's keys (e.g. `s="code"` for the event she came from)."""
    client.cookies[answers_cookie.COOKIE_NAME] = answers_cookie.seal("cookie", {"a": answers, "l": "test", **state})


@pytest.fixture
def answered(client, organisation):
    AidFactory(
        owner=organisation,
        published=True,
        title="IJ des indépendantes",
        statuses=["artisane"],
        apply_phone="36 46",
        amount="Jusqu'à 64,52 € par jour",
        amount_year=2025,
    )
    set_answers(client, ANSWERS)
    return client


def test_email_has_a_neutral_subject_and_the_address_is_not_kept(answered, django_capture_on_commit_callbacks):
    response = answered.post("/mon-parcours/envoyer/", {"email": "elle@exemple.fr"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "Votre parcours — Guichet unique" and "cancer" not in message.subject.lower()
    assert "IJ des indépendantes" in message.body and "36 46" in message.body
    assert "Jusqu'à 64,52 € par jour (2025)" in message.body
    assert "/mon-parcours/?r=" in message.body
    assert not any("elle@exemple.fr" in str(row) for row in UsageCount.objects.values())
    assert UsageCount.objects.filter(kind="envoye").exists()


def test_email_bad_input_and_rate_limit(answered, settings):
    response = answered.post("/mon-parcours/envoyer/", {"email": "pas-une-adresse"})
    assert response.status_code == 200 and "Cette adresse e-mail n&#x27;est pas valide" in response.content.decode()
    settings.GUICHET_PARCOURS_EMAILS_PER_HOUR = 1
    answered.post("/mon-parcours/envoyer/", {"email": "a@exemple.fr"})
    response = answered.post("/mon-parcours/envoyer/", {"email": "b@exemple.fr"})
    assert "Réessayez dans une heure" in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_signed_link_opens_her_parcours_elsewhere_and_a_tampered_one_is_refused(client):
    token = make_link_token(Answers.from_dict(ANSWERS))
    response = client.get(f"/mon-parcours/?r={token}")
    assert response.status_code == 302 and response["Location"] == "/mon-parcours/"
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    assert UsageCount.objects.filter(kind="telephone").count() == 1

    other = type(client)()
    bad = other.get(f"/mon-parcours/?r={altered(token)}")
    assert bad.status_code == 400 and "Ce lien n'est pas valable" in bad.content.decode()
    forged = signing.dumps({"status": "artisane"}, salt="autre-chose")
    assert other.get(f"/mon-parcours/?r={forged}").status_code == 400


def test_an_old_link_has_expired(client, settings):
    token = make_link_token(Answers.from_dict(ANSWERS))
    settings.GUICHET_PARCOURS_LINK_DAYS = 0
    response = client.get(f"/mon-parcours/?r={token}")
    assert response.status_code == 410 and "Ce lien a expiré" in response.content.decode()


def test_qr_code_is_an_image_the_site_draws_from_her_cookie(answered):
    """Drawn by its own request (the page does not spend its time on it), from her cookie: no answer in the image's
    address; it opens her parcours on the phone that scans it."""
    html = answered.get("/mon-parcours/").content.decode()
    figure = html.split('class="qr-figure"')[1].split("</figure>")[0]
    assert (
        '<img class="qr" src="/mon-parcours/code-qr.svg" alt="Code QR : ouvrir ce parcours sur un autre appareil"'
        in figure
    )
    image = answered.get("/mon-parcours/code-qr.svg")
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert "no-store" in image["Cache-Control"]
    svg = image.content.decode()
    assert "<svg" in svg and "<title>Code QR : ouvrir ce parcours sur un autre appareil</title>" in svg
    # Without answers there is nothing to draw.
    assert Client().get("/mon-parcours/code-qr.svg").status_code == 404


def test_saving_needs_an_account_and_consent_and_can_be_undone(answered):
    response = answered.post("/mon-parcours/enregistrer/", {"consent": "on"})
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    user = UserFactory()
    answered.force_login(user)
    set_answers(answered, ANSWERS)
    response = answered.post("/mon-parcours/enregistrer/", {})
    assert response.status_code == 200 and "Sans votre accord" in response.content.decode()
    assert not SavedAnswers.objects.exists()
    answered.post("/mon-parcours/enregistrer/", {"consent": "on"})
    saved = SavedAnswers.objects.get(user=user)
    assert saved.answers == ANSWERS and saved.consented_at
    account = answered.get("/compte/").content.decode()
    assert "Mes réponses au questionnaire" in account and "Artisane" in account
    # Reopen on a new device: the answers come back into the session.
    answered.post("/mon-parcours/effacer/")
    answered.post("/mon-parcours/mes-reponses/", {"action": "ouvrir"})
    assert "Artisane" in answered.get("/mon-parcours/").content.decode()
    answered.post("/mon-parcours/mes-reponses/", {"action": "supprimer"})
    assert not SavedAnswers.objects.exists()
    # Deleting the account deletes saved answers too.
    answered.post("/mon-parcours/enregistrer/", {"consent": "on"})
    user.delete()
    assert not SavedAnswers.objects.exists()


def test_erasing_her_answers_for_a_shared_device(answered):
    response = answered.post("/mon-parcours/effacer/")
    assert response["Location"] == "/questionnaire/"
    assert "pas encore répondu" in answered.get("/mon-parcours/").content.decode()


def test_print_layout_writes_out_phone_numbers_and_counts(answered):
    html = answered.get("/mon-parcours/imprimer/").content.decode()
    assert "Téléphone : 36 46" in html
    assert UsageCount.objects.filter(kind="imprime").count() == 1


def test_her_answers_join_a_request_only_when_she_ticks_it(answered):
    page = answered.get("/annuaire/mise-en-relation/").content.decode()
    assert "Joindre mes réponses au questionnaire" in page and 'name="attach_answers"' in page
    assert "checked" not in re.search(r'<input[^>]*name="attach_answers"[^>]*>', page).group(0)
    data = {
        "message": "J'ai besoin d'aide pour mes cotisations.",
        "contact_method": "email",
        "email": "elle@exemple.fr",
        "consent": "on",
    }
    answered.post("/annuaire/mise-en-relation/", data)
    answered.post("/annuaire/mise-en-relation/", {**data, "attach_answers": "on"})
    first, second = ContactRequest.objects.order_by("pk")
    assert first.questionnaire_answers == {} and second.questionnaire_answers == ANSWERS
    second.anonymise()
    assert second.questionnaire_answers == {}
    # Without answers in her session, the box is not offered.
    assert "attach_answers" not in type(answered)().get("/annuaire/mise-en-relation/").content.decode()


def test_figures_hide_cells_under_five(client, people):
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)  # closed months only
    for phase, n in (("traitement", 12), ("apres", 3), ("prevention", 7)):
        UsageCount.objects.create(day=last_month, kind="questionnaire", phase=phase, count=n)
    UsageCount.objects.create(
        day=last_month - datetime.timedelta(days=400), kind="questionnaire", phase="apres", count=50
    )
    client.force_login(people.coordinator)
    html = client.get("/admin/onboarding/usagecount/").content.decode()
    phase_table = html.split("par phase</h2>")[1].split("</table>")[0]
    assert "<td>12</td>" in phase_table
    # 3 hidden, and 7 masked too: otherwise the total would give it away.
    assert phase_table.count("&lt; 5") == 1 and "<td>masqué</td>" in phase_table
    assert "<td>22</td>" in phase_table  # the total
    client.force_login(people.owner_operator)
    assert client.get("/admin/onboarding/usagecount/").status_code in (302, 403)
