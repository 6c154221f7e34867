from django.apps import AppConfig


class CourrielConfig(AppConfig):
    name = "courriel"
    verbose_name = "Courriels"

    def ready(self):
        from courriel import checks  # noqa: F401  (registers the e-mail templates' check)
