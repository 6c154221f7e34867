from guichet.locks import ScheduledCommand
from pairs import services


class Command(ScheduledCommand):
    help = (
        "Envoie aux participantes confirmées un rappel la veille de chaque séance. À lancer chaque jour (cron) ; "
        "le relancer n'envoie jamais deux fois le même rappel."
    )

    def handle(self, *args, **options):
        count = services.send_reminders()
        self.stdout.write(f"{count} rappel(s) envoyé(s).")
