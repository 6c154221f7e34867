from django.apps import AppConfig


class AgendaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from agenda.sections import organiser_events
        from annuaire import sections

        sections.register(organiser_events)
