from django.conf import settings

from annuaire import services
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Relance les demandes de mise en relation restées sans réponse (aucun premier contact) : un e-mail à "
        "l'animatrice le lendemain du délai promis (GUICHET_CALLBACK_WORKING_DAYS jours ouvrés), puis un e-mail aux "
        "administratrices GUICHET_REQUEST_ESCALATION_WORKING_DAYS jours ouvrés après ce délai. Chaque rappel n'est "
        "envoyé qu'une fois par demande (la date est notée sur la demande). À lancer chaque jour ouvré par cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site-url", default=settings.GUICHET_SITE_URL, help="Adresse du site, pour les liens.")

    def handle(self, *args, site_url, **options):
        sent = services.remind_unanswered(admin_url_prefix=f"{site_url.rstrip('/')}/admin/annuaire/contactrequest/")
        self.stdout.write(
            f"Rappel à l'animatrice : {len(sent['coordinator'])} demande(s). "
            f"Rappel aux administratrices : {len(sent['administrators'])} demande(s)."
        )
