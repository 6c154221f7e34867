from guichet.locks import ScheduledCommand
from guichet.terms import duration
from pairs import services


class Command(ScheduledCommand):
    help = (
        f"Libère les places gardées {duration('GUICHET_GROUP_HOLD_HOURS')} et non confirmées, et les propose "
        "à la liste d'attente (e-mails). "
        "À lancer chaque heure (cron) ; sans effet si rien n'a expiré."
    )

    def handle(self, *args, **options):
        count = services.release_expired_holds()
        self.stdout.write(f"{count} place(s) non confirmée(s) libérée(s).")
