from django.apps import AppConfig


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    verbose_name = "Annuaire"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from annuaire.desk import contact_requests
        from guichet import desk

        desk.register("requests", contact_requests)
