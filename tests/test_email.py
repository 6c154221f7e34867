"""The production e-mail path: Django's SMTP backend talking to a real SMTP server on loopback."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail


class Collector(Message):
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
