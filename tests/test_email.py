"""The production e-mail path: Django's SMTP backend talking to a real SMTP server on loopback."""

import datetime
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from django.core import mail
from django.utils import timezone
from mailer.models import Message

import config.settings as project_settings
from courriel import queue


class Collector(MessageHandler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    handler = Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def test_an_email_goes_through_the_smtp_backend(smtp_server, settings):
    controller, handler = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False

    sent = mail.send_mail(
        "[Guichet unique] Essai",
        "Bonjour, ceci est un essai accentué : é à ç.",
        settings.DEFAULT_FROM_EMAIL,
        ["animatrice@guichet.test"],
    )

    assert sent == 1
    assert len(handler.messages) == 1
    received = handler.messages[0]
    assert received["Subject"] == "[Guichet unique] Essai"
    assert received["To"] == "animatrice@guichet.test"
    assert "accentué" in received.get_payload(decode=True).decode()


@pytest.mark.django_db
def test_the_queue_waits_for_the_smtp_server_and_sends_once_it_answers(smtp_server, settings):
    """The production path: the queue (django-mailer), then the worker, then SMTP. With the server down the message
    waits; once the server answers, the worker's next retry sends it, once."""
    controller, handler = smtp_server
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    with socket.socket() as probe:  # a port where nothing listens: connection refused
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]

    mail.send_mail("Votre demande au Guichet unique", "Bonjour, accentué.", None, ["elle@exemple.fr"])
    queue.send_queued()
    assert not handler.messages and queue.failed().count() == 1

    settings.EMAIL_PORT = controller.port
    queue.send_queued(timezone.now() + datetime.timedelta(minutes=settings.GUICHET_MAIL_RETRY_MINUTES + 1))
    queue.send_queued(timezone.now() + datetime.timedelta(minutes=settings.GUICHET_MAIL_RETRY_MINUTES + 2))
    assert [m["Subject"] for m in handler.messages] == ["Votre demande au Guichet unique"]
    assert not Message.objects.exists()
