"""`manage.py check` (and every start) refuses an e-mail template that the site could not send well: one that does
not extend the base (it would go without the signature, its subject in its body) or that has no subject or body."""

from django.core import checks

from courriel import mail


@checks.register(checks.Tags.templates)
def email_templates(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(problem, id="courriel.E001") for name in sorted(mail.names()) for problem in mail.problems(name)
    ]
