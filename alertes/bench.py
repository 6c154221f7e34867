"""Synthetic alerts for the benchmark: 10,000 at scale 1, confirmed, following the synthetic aids (70 %), events
(15 %) and peer groups (10 %), or a search for new aids (5 %); seeded. `make bench` then publishes changes and times
one `send_alerts` run over them."""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from alertes.enums import AlertKind, Rhythm
from alertes.models import Alert
from guichet import kinds

PREFIX = "bench-"
DOMAIN = "bench.invalid"


def generate(rng: random.Random, *, scale: float = 1.0) -> dict[str, int]:
    Alert.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    now = timezone.now()
    Aid, Event, PeerGroup = (kinds.get(key).model for key in ("aides", "evenements", "groupes"))
    followed = {
        Aid: list(Aid.objects.published().filter(slug__startswith=PREFIX).values_list("pk", flat=True)),
        Event: list(Event.objects.published().filter(slug__startswith=PREFIX).values_list("pk", flat=True)),
        PeerGroup: list(PeerGroup.objects.published().filter(slug__startswith=PREFIX).values_list("pk", flat=True)),
    }
    types = {model: ContentType.objects.get_for_model(model) for model in followed}
    alerts = []
    for n in range(int(10_000 * scale)):
        draw = rng.random()
        common = {
            "email": f"alerte-{n:05d}@{DOMAIN}",
            "rhythm": Rhythm.AS_IT_HAPPENS if rng.random() < 0.7 else Rhythm.WEEKLY,
            "confirmed_at": now - datetime.timedelta(days=30),
            "last_confirmed_at": now - datetime.timedelta(days=30),
            # Due now: the last digest an hour ago (as it happens), or eight days ago (weekly).
            "last_digest_at": now - datetime.timedelta(hours=1 if draw < 0.7 else 24 * 8),
        }
        if draw < 0.95:
            model = Aid if draw < 0.70 else Event if draw < 0.85 else PeerGroup
            alerts.append(
                Alert(kind=AlertKind.ENTRY, content_type=types[model], object_id=rng.choice(followed[model]), **common)
            )
        else:
            alerts.append(
                Alert(kind=AlertKind.SEARCH, filters={"departement": rng.choice(["13", "06", "84"])}, **common)
            )
    Alert.objects.bulk_create(alerts, batch_size=1000)
    return {"alertes": len(alerts)}
