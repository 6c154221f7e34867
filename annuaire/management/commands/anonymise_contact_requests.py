from annuaire import services
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Anonymise les demandes de mise en relation closes ou refusées depuis plus de "
        "GUICHET_REQUEST_RETENTION_DAYS jours, et celles restées ouvertes (nouvelle, en cours, orientée) sans "
        "changement aussi longtemps (message, coordonnées, notes, journal de l'administration). À lancer chaque jour "
        "par cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Demandes anonymisées : {services.anonymise_old_requests()}.")
