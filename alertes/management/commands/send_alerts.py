from alertes import services
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Alertes : supprime celles non confirmées depuis 7 jours ou sans confirmation depuis 12 mois, demande le "
        "renouvellement à 11 mois, et envoie un message par alerte quand il y a du nouveau (à lancer chaque heure)."
    )

    def handle(self, *args, **options):
        counts = services.run()
        self.stdout.write(
            f"{counts['sent']} message(s) envoyé(s), {counts['renewals']} demande(s) de renouvellement, "
            f"{counts['deleted_unconfirmed'] + counts['deleted_expired']} alerte(s) supprimée(s)."
        )
