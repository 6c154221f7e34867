from guichet.locks import ScheduledCommand
from pairs import services


class Command(ScheduledCommand):
    help = (
        "Libère les places gardées 48 heures et non confirmées, et les propose à la liste d'attente (e-mails). "
        "À lancer chaque heure (cron) ; sans effet si rien n'a expiré."
    )

    def handle(self, *args, **options):
        count = services.release_expired_holds()
        self.stdout.write(f"{count} place(s) non confirmée(s) libérée(s).")
