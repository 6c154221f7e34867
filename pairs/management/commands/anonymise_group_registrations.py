from django.conf import settings

from guichet.locks import ScheduledCommand
from pairs import services


class Command(ScheduledCommand):
    help = (
        "Anonymise les inscriptions aux groupes terminés depuis plus de GUICHET_GROUP_RETENTION_DAYS jours "
        "(prénom, e-mail, téléphone, message effacés ; les décomptes restent). À lancer chaque jour (cron)."
    )

    def handle(self, *args, **options):
        count = services.anonymise_finished()
        days = settings.GUICHET_GROUP_RETENTION_DAYS
        self.stdout.write(f"{count} inscription(s) anonymisée(s) (groupes terminés depuis plus de {days} jours).")
