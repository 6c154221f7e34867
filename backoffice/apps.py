from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """The back office's services and pages: the desks on the admin home page, freshness reminders, invitations of
    the team and the field kit. No models: the entries it works on stay in their apps, so no table moved."""

    name = "backoffice"
    verbose_name = "Back-office"
