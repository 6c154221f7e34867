"""Issue 20, point 4: one way to send an e-mail (courriel.mail). Named e-mails, one base with the signature, the
subject in `{% block subject %}`; nothing else in the project calls Django's mail API."""

from types import SimpleNamespace

import pytest
from mailer.models import Message

import config.settings as project_settings
from courriel import mail

DIGEST = {
    "items": [],
    "unsubscribe_link": "https://guichet.test/alertes/quitter/x/",
    "site_url": "https://guichet.test",
}


def test_a_named_email_has_the_subject_of_its_block_and_the_signature_of_the_base(mailoutbox):
    assert mail.send("alertes/digest", to="elle@exemple.fr", context=DIGEST) == ["elle@exemple.fr"]

    (message,) = mailoutbox
    assert message.subject == "Du nouveau sur le Guichet unique"
    assert message.to == ["elle@exemple.fr"] and message.from_email == project_settings.DEFAULT_FROM_EMAIL
    assert message.body.startswith("Bonjour,\n\nDu nouveau sur les pages que vous suivez :")
    assert message.body.endswith(
        "Pour vous désinscrire : https://guichet.test/alertes/quitter/x/\n\n-- \nGuichet unique\n"
    )
    assert message.body.count("-- \n") == 1


def test_the_subject_is_one_line_whatever_the_title(mailoutbox):
    """A title with a line break (typed in a form) must not break the header: the subject collapses to one line."""
    report = SimpleNamespace(entry_title="Délais de\n cotisations   URSSAF", entry_url="/", message="Périmé.", email="")
    mail.send("guichet/error_report", to="animatrice@guichet.test", context={"report": report, "admin_url": "/"})

    assert mailoutbox[0].subject == "[Guichet unique] Signalement sur « Délais de cotisations URSSAF »"


def test_a_part_of_an_app_adds_its_greeting_and_footer_under_the_one_signature(mailoutbox):
    registration = SimpleNamespace(first_name="Nadia")
    group = SimpleNamespace(name="Groupe de parole")
    mail.send(
        "pairs/cancelled",
        to="nadia@exemple.fr",
        context={"registration": registration, "group": group, "group_url": "/g/", "privacy_url": "/c/"},
    )

    body = mailoutbox[0].body
    assert body.startswith("Bonjour Nadia,\n\nVotre désinscription est enregistrée")
    assert body.endswith(
        "-- \nGuichet unique\nCe message vous est envoyé parce que cette adresse a été donnée pour une inscription.\n"
    )
    assert body.count("-- \n") == 1


def test_an_unknown_name_is_a_clear_error_and_sends_nothing(mailoutbox):
    for name in ("annuaire/inexistant", "annuaire", "courriel/base", "pairs/_footer", ""):
        with pytest.raises(mail.UnknownEmail, match="introuvable"):
            mail.send(name, to="elle@exemple.fr", context={})
    assert mailoutbox == []


def test_no_address_sends_nothing(mailoutbox):
    assert mail.send("alertes/digest", to=["", ""], context=DIGEST) == []
    assert mail.send("alertes/digest", to="", context=DIGEST) == []
    assert mailoutbox == []


@pytest.mark.django_db
def test_on_commit_waits_for_the_transaction(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send("alertes/digest", to="elle@exemple.fr", context=DIGEST, on_commit=True)
        assert mailoutbox == []
    assert [m.subject for m in mailoutbox] == ["Du nouveau sur le Guichet unique"]


@pytest.mark.django_db
def test_the_message_goes_to_the_queue_with_its_headers_and_attachments(settings):
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND  # the production path: django-mailer's queue
    mail.send(
        "alertes/digest",
        to="elle@exemple.fr",
        context=DIGEST,
        headers={"List-Unsubscribe": "<https://guichet.test/alertes/quitter/x/>"},
        attachments=[("seances.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )

    queued = Message.objects.get().email
    assert queued.subject == "Du nouveau sur le Guichet unique" and queued.to == ["elle@exemple.fr"]
    assert queued.extra_headers["List-Unsubscribe"] == "<https://guichet.test/alertes/quitter/x/>"
    assert [name for name, _, _ in queued.attachments] == ["seances.ics"]
