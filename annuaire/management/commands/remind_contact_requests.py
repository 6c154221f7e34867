from django.conf import settings

from annuaire import services
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Rappelle à l'animatrice (un e-mail) les demandes de mise en relation toujours « nouvelles » après "
        "GUICHET_REQUEST_REMINDER_WORKING_DAYS jours ouvrés, en signalant celles qui dépassent le délai promis. "
        "À lancer chaque jour ouvré par cron ; le relancer le même jour n'envoie rien de plus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site-url", default=settings.GUICHET_SITE_URL, help="Adresse du site, pour les liens.")

    def handle(self, *args, site_url, **options):
        reminded = services.remind_coordinator(
            admin_url_prefix=f"{site_url.rstrip('/')}/admin/annuaire/contactrequest/"
        )
        self.stdout.write(f"Demandes rappelées : {len(reminded)}.")
