from django.utils import timezone

from agenda.enums import Repeat
from agenda.models import Event
from guichet.enums import EditorialStatus
from guichet.locks import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Écrit les dates des événements récurrents jusqu'à l'horizon (GUICHET_AGENDA_HORIZON_DAYS). "
        "À lancer chaque jour (cron) ; sans effet si rien n'a changé."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        events = (
            Event.objects.exclude(repeat=Repeat.NONE)
            .exclude(repeat_until__lt=today)
            .exclude(status=EditorialStatus.ARCHIVED)
        )
        before = sum(event.occurrences.count() for event in events)
        count = 0
        for event in events.iterator():
            event.sync_occurrences()
            count += 1
        after = sum(event.occurrences.count() for event in events)
        self.stdout.write(f"{count} événement(s) récurrent(s) à jour ; {after - before} date(s) ajoutée(s).")
