from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """The back office's services and pages: the desks on the admin home page, freshness reminders, invitations of
    the team, the field kit and the funders' figures. No models: the entries it works on stay in their apps, so no
    table moved."""

    name = "backoffice"
    verbose_name = "Back-office"

    def ready(self):
        from backoffice import desk, figures_admin  # noqa: F401 (figures_admin registers the figures' admin page)
        from backoffice.figures import desk_call_backs
        from guichet.kinds import DeskLine

        # After the new requests to be put in touch (the directory's kinds, at 40-50).
        desk.register(DeskLine("call_backs", desk_call_backs, "backoffice/desk_call_backs.html", position=45))
