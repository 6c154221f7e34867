from django.apps import AppConfig


class FormationsConfig(AppConfig):
    """A kind of content added by one app and one line in INSTALLED_APPS (tests/test_kinds.py; README: "Ajouter un
    type de contenu")."""

    name = "tests.kinds_app"
    label = "formations"
    content_kinds = "tests.kinds_app.kinds.KINDS"
