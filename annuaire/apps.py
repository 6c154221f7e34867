from django.apps import AppConfig


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    content_kinds = "annuaire.kinds.KINDS"
    verbose_name = "Annuaire"
    default_auto_field = "django.db.models.BigAutoField"
