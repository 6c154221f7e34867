from django.apps import AppConfig


class RessourcesConfig(AppConfig):
    name = "ressources"
    content_kinds = "ressources.kinds.KINDS"
    verbose_name = "Ressources"
    default_auto_field = "django.db.models.BigAutoField"
