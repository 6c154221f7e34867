from alertes import services
from guichet.locks import ScheduledCommand
from guichet.terms import duration


class Command(ScheduledCommand):
    help = (
        f"Alertes : supprime celles non confirmées depuis {duration('GUICHET_ALERT_UNCONFIRMED_DAYS')} ou sans "
        f"confirmation depuis {duration('GUICHET_ALERT_EXPIRY_DAYS')}, demande le renouvellement à "
        f"{duration('GUICHET_ALERT_RENEWAL_DAYS')}, et envoie un message par alerte quand il y a du nouveau "
        "(à lancer chaque heure)."
    )

    def handle(self, *args, **options):
        counts = services.run()
        self.stdout.write(
            f"{counts['sent']} message(s) envoyé(s), {counts['renewals']} demande(s) de renouvellement, "
            f"{counts['deleted_unconfirmed'] + counts['deleted_expired']} alerte(s) supprimée(s)."
        )
