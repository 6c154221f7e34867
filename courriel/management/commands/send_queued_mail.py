import time

from django.core.management.base import BaseCommand

from courriel import queue


class Command(BaseCommand):
    help = (
        "Envoie les e-mails en file d'attente et réessaie, avec un délai qui double, ceux que le serveur a refusés. "
        "Sans option : un passage (cron chaque minute). Avec --loop : le processus d'envoi, qui ne s'arrête pas. "
        "Plusieurs serveurs peuvent le lancer en même temps : chaque message est verrouillé dans la base."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Recommencer sans fin (processus d'envoi).")
        parser.add_argument("--interval", type=int, default=20, help="Secondes entre deux passages avec --loop.")

    def handle(self, *args, loop=False, interval=20, **options):
        while True:
            result = queue.send_queued()
            if result["tried"] or result["retried"] or not loop:
                self.stdout.write(
                    f"{result['tried']} e-mail(s) à envoyer, {result['deferred']} en échec (nouvel essai plus tard), "
                    f"{result['retried']} remis en file."
                )
            if not loop:
                return
            time.sleep(max(interval, 1))
