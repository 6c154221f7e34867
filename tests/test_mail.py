"""Issue 20, point 4: one way to send an e-mail (courriel.mail). Named e-mails, one base with the signature, the
subject in `{% block subject %}`; nothing else in the project calls Django's mail API."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.checks import run_checks
from mailer.models import Message

import config.settings as project_settings
from courriel import checks, mail

ROOT = Path(__file__).resolve().parent.parent
DIGEST = {
    "items": [],
    "unsubscribe_link": "https://guichet.test/alertes/quitter/x/",
    "site_url": "https://guichet.test",
}


def _email_templates() -> list[Path]:
    """Every e-mail template of the project's apps, parts included, the base excluded."""
    return [
        path
        for path in ROOT.glob("*/templates/*/emails/*.txt")
        if path.relative_to(ROOT).parts[:1] != ("courriel",) or path.name != "base.txt"
    ]


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


def test_every_email_template_extends_the_base_and_has_a_subject():
    names = mail.names()
    assert (
        len(names) >= 30
        and {"annuaire/acknowledgement", "pairs/reminder", "onboarding/parcours", "backoffice/invitation"} <= names
    )
    assert {name: mail.problems(name) for name in names if mail.problems(name)} == {}
    assert [error for error in run_checks() if error.id == "courriel.E001"] == []  # the same rule, at every start


def test_the_signature_is_written_in_the_base_only():
    base = (ROOT / "courriel/templates/courriel/emails/base.txt").read_text(encoding="utf-8")
    assert "\n-- \nGuichet unique\n" in base
    templates = _email_templates()
    assert len(templates) >= 30
    signed = [
        str(path.relative_to(ROOT))
        for path in templates
        if re.search(r"^--\s*$|L'équipe du Guichet unique|\bautoescape\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert signed == []


def test_the_check_refuses_an_email_without_the_base_or_a_subject(settings, tmp_path, monkeypatch):
    emails = tmp_path / "essai" / "emails"
    emails.mkdir(parents=True)
    (emails / "sans_base.txt").write_text("Bonjour,\n\nUn message sans signature.\n", encoding="utf-8")
    (emails / "sans_objet.txt").write_text(
        '{% extends "courriel/emails/base.txt" %}{% block body %}Rien.\n{% endblock %}', encoding="utf-8"
    )
    (emails / "objet_vide.txt").write_text(
        '{% extends "courriel/emails/base.txt" %}{% block subject %}\n  {% endblock %}'
        "{% block body %}Rien.\n{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    monkeypatch.setattr(mail, "names", lambda: frozenset({"essai/sans_base", "essai/sans_objet", "essai/objet_vide"}))

    problems = [error.msg for error in checks.email_templates()]
    assert problems == [
        "essai/emails/sans_base.txt n'étend pas courriel/emails/base.txt (la signature et le pied communs).",
        "essai/emails/sans_base.txt n'a pas de bloc {% block subject %}.",
        "essai/emails/sans_base.txt n'a pas de bloc {% block body %}.",
        "essai/emails/sans_objet.txt n'a pas de bloc {% block subject %}.",
    ]
    assert [error.msg for error in run_checks() if error.id == "courriel.E001"] == problems  # registered
    with pytest.raises(ValueError, match="objet vide"):
        mail.send("essai/objet_vide", to="elle@exemple.fr", context={})


# Nothing outside courriel sends mail by itself.


def _project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {"courriel", "tests", ".venv", "node_modules"} or "migrations" in parts:
            continue
        yield path


def _mail_imports(path: Path) -> list[str]:
    """What the module imports of Django's mail API or of django-mailer's."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "mailer"]
            found += [alias.name for alias in node.names if alias.name.startswith("django.core.mail")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("django.core.mail") or node.module.split(".")[0] == "mailer":
                found += [f"{node.module}.{alias.name}" for alias in node.names]
            elif node.module == "django.core":
                found += [f"django.core.{alias.name}" for alias in node.names if alias.name == "mail"]
    return found


def test_only_courriel_calls_the_mail_api():
    modules = list(_project_modules())
    assert ROOT / "annuaire/services.py" in modules and ROOT / "guichet/review.py" in modules
    offenders = {str(path.relative_to(ROOT)): found for path in modules if (found := _mail_imports(path))}
    assert offenders == {}, "Envoyez les e-mails par courriel.mail.send(nom, to=…, context=…)."


def test_the_rule_sees_every_way_of_importing_the_mail_api(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from django.core.mail import send_mail\nfrom django.core import mail\nimport django.core.mail.message\n"
        "from mailer import send_mail as queued\nfrom django.core.mail.message import EmailMultiAlternatives\n",
        encoding="utf-8",
    )
    assert _mail_imports(module) == [
        "django.core.mail.send_mail",
        "django.core.mail",
        "django.core.mail.message",
        "mailer.send_mail",
        "django.core.mail.message.EmailMultiAlternatives",
    ]
