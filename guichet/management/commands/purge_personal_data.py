from datetime import timedelta

from django.utils import timezone

from courriel import queue
from guichet import terms
from guichet.locks import ScheduledCommand
from guichet.models import ErrorReport


class Command(ScheduledCommand):
    help = (
        "Efface ce qui n'est plus nécessaire (à lancer chaque jour par cron) : les empreintes d'adresse "
        "des signalements après un jour, les signalements traités après la durée de conservation, le journal des "
        f"e-mails envoyés après {terms.days(queue.LOG_RETENTION_DAYS)} et les e-mails abandonnés après "
        f"{terms.days(queue.FAILED_RETENTION_DAYS)}."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        cleared = (
            ErrorReport.objects.filter(created_at__lt=now - timedelta(days=1))
            .exclude(fingerprint="")
            .update(fingerprint="")
        )
        deleted, _ = ErrorReport.objects.expired(now).delete()
        mail = queue.purge(now)
        self.stdout.write(
            f"Empreintes effacées : {cleared}. Signalements supprimés : {deleted}. "
            f"Journal des e-mails supprimé : {mail['logs_deleted']}. E-mails abandonnés supprimés : "
            f"{mail['given_up_deleted']}."
        )
