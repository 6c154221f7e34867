"""The peer groups' lines on the coordinator's desk (backoffice.desk): groups with new sign-ups or a waiting list."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from pairs.enums import RegistrationStatus
from pairs.models import PeerGroup

# "Nouvelles inscriptions": those of the last SIGN_UPS_DAYS days.
SIGN_UPS_DAYS = 7


def sign_ups(now=None) -> dict:
    """Groups with sign-ups in the last SIGN_UPS_DAYS days or a waiting list."""
    now = now or timezone.now()
    groups = (
        PeerGroup.objects.annotate(
            new=Count("registrations", filter=Q(registrations__created_at__gte=now - timedelta(days=SIGN_UPS_DAYS))),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            pending=Count("registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)),
        )
        .filter(Q(new__gt=0) | Q(waiting__gt=0))
        .order_by("-waiting", "-new", "name")[:15]
    )
    url = reverse("admin:pairs_registration_changelist")
    rows = [
        {"group": g, "new": g.new, "waiting": g.waiting, "pending": g.pending, "url": f"{url}?group={g.pk}"}
        for g in groups
    ]
    return {"groups": rows, "days": SIGN_UPS_DAYS}
