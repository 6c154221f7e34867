from backoffice import freshness
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Écrit à chaque opératrice la liste des fiches de ses organisations à actualiser (un seul e-mail), et à "
        "l'animatrice un point par organisation. Pour cron ; au plus un e-mail de chaque par jour."
    )

    def handle(self, *args, **options):
        sent = freshness.send_reminders()
        self.stdout.write(
            f"{sent['operators']} opératrice(s) prévenue(s) ; point envoyé à l'animatrice : {sent['coordinator']}."
        )
