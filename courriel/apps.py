from django.apps import AppConfig


class CourrielConfig(AppConfig):
    name = "courriel"
    verbose_name = "Courriels"
