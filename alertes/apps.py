from django.apps import AppConfig


class AlertesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alertes"
    verbose_name = "Alertes"

    def ready(self):
        from alertes.account import my_alerts
        from guichet import account_sections

        account_sections.register(my_alerts)
