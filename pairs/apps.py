from django.apps import AppConfig


class PairsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pairs"
    verbose_name = "Groupes de pairs"

    def ready(self):
        from guichet import desk
        from pairs.desk import sign_ups

        desk.register("sign_ups", sign_ups)
