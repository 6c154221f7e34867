from django.apps import AppConfig


class AgendaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agenda"
    content_kinds = "agenda.kinds.KINDS"
    verbose_name = "Agenda"

    def ready(self):
        from agenda.sections import organiser_events
        from guichet import organiser_sections

        organiser_sections.register(organiser_events)
