from django.apps import AppConfig


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    verbose_name = "Annuaire"
    default_auto_field = "django.db.models.BigAutoField"
