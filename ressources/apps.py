from django.apps import AppConfig


class RessourcesConfig(AppConfig):
    name = "ressources"
    verbose_name = "Ressources"
    default_auto_field = "django.db.models.BigAutoField"
