"""The peer groups' section of "Mon parcours" (guichet.kinds: `parcours`): groups for her phase, in her département
or by video, with a place left, soonest first."""

import copy

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from guichet.answers import Answers
from guichet.sharedcache import memo
from pairs.enums import GroupFormat
from pairs.models import GroupSession, PeerGroup, Registration


def groups_section(answers: Answers, departement, limits: dict, now=None) -> dict:
    """The `limits["kept"]` first groups not over are read once per process until content changes
    (guichet.sharedcache.memo); their places, which every sign-up changes, are counted at each request in one
    query."""
    now = now or timezone.now()
    limit, keep = limits["groups"], limits["kept"]
    key = (answers.phase, departement.code if departement else None)
    kept = memo("onboarding.groups", lambda: list(_groups(*key, now=now).prefetch_related(None)[:keep]), key=key)
    current = [group for group in kept if group.last_session_ends_at and group.last_session_ends_at > now]
    taken = dict(
        Registration.objects.filter(group__in=[group.pk for group in current])
        .holding_place(now)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    groups = []
    for group in current:
        if group.capacity - taken.get(group.pk, 0) > 0 and len(groups) < limit:
            group = copy.copy(group)  # those kept are shared by every request of this process
            group.places_taken = taken.get(group.pk, 0)
            group.places_left = group.capacity - group.places_taken
            groups.append(group)
    if len(groups) < limit and len(kept) == keep:
        groups = list(_groups(*key, now=now).with_places(now).filter(places_left__gt=0)[:limit])
    return {"groups": groups[:limit]}


def _groups(phase, departement_code, now):
    groups = (
        PeerGroup.objects.published()
        .not_over(now)
        .annotate(
            first_session=Subquery(
                GroupSession.objects.filter(group=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
            ),
            last_session_ends_at=Subquery(
                GroupSession.objects.filter(group=OuterRef("pk")).order_by("-ends_at").values("ends_at")[:1]
            ),
        )
        .select_related("departement")
        .order_by("first_session", "pk")
    )
    if phase:
        groups = groups.for_phase(phase)
    if departement_code is not None:
        return groups.for_departement(departement_code)
    return groups.filter(format=GroupFormat.VIDEO)
