from django.apps import AppConfig


class GuichetConfig(AppConfig):
    name = "guichet"
    verbose_name = "Guichet unique"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from guichet import sharedcache

        sharedcache.connect()
