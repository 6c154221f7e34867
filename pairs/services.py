"""The life of a sign-up, as plain functions. Each takes the group's row lock first (`select_for_update`: on
PostgreSQL, two people taking the last place at the same moment are served one after the other), so the capacity is
never exceeded and the waiting list moves in order.

Places go to people who confirmed their address (issue 17): the form creates a sign-up "en attente de confirmation"
that takes no place; the link in the e-mail confirms it, and only then, under the lock, does she get a place (confirmée)
or go on the waiting list. When a place frees, the first on the waiting list is offered it for 48 hours (en attente de
confirmation, with `hold_expires_at`) and confirms from the e-mail; the coordinator's own sign-ups are offered a place
the same way. Annulée at any time; non confirmée à temps when an offer or an unconfirmed sign-up runs out. Every
change she did not make herself is told to her by e-mail; every e-mail has a neutral subject and her cancel link.
"""

import datetime
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from courriel import mail
from guichet import calendars
from guichet.enums import EditorialStatus
from guichet.services import anonymise_admin_log
from pairs import tokens
from pairs.enums import RegistrationStatus as Status
from pairs.models import GroupSession, PeerGroup, Registration, SessionReminder


class Outcome(StrEnum):
    CONFIRMED = "confirmee"
    ALREADY_CONFIRMED = "deja-confirmee"
    CANCELLED = "annulee"
    ALREADY_CANCELLED = "deja-annulee"
    EXPIRED = "expiree"
    WAITING = "liste-attente"


# Places.


def _lock(group) -> PeerGroup:
    return PeerGroup.objects.select_for_update().get(pk=group.pk)


def _places_left(group, now) -> int:
    return group.capacity - group.registrations.holding_place(now).count()


def _hold(registration, now) -> None:
    registration.status = Status.PENDING
    registration.hold_expires_at = now + datetime.timedelta(hours=settings.GUICHET_GROUP_HOLD_HOURS)


def _unconfirmed_cutoff(now):
    return now - datetime.timedelta(hours=settings.GUICHET_GROUP_HOLD_HOURS)


def _expire_unconfirmed(group, now) -> int:
    """Sign-ups whose address was not confirmed in time: they held nothing, nobody is written to (the address may
    not be hers), and what was typed is erased at once."""
    expired = group.registrations.unconfirmed().filter(created_at__lte=_unconfirmed_cutoff(now))
    anonymise_admin_log(Registration, list(expired.values_list("pk", flat=True)))
    return expired.update(
        status=Status.EXPIRED,
        first_name="",
        email="",
        phone="",
        expectations="",
        fingerprint="",
        anonymised_at=now,
    )


def _release_and_promote(group, now) -> None:
    """Offers that ran out are released; free places go to the waiting list, first come first served."""
    _expire_unconfirmed(group, now)
    for registration in group.registrations.filter(status=Status.PENDING, hold_expires_at__lte=now):
        registration.status = Status.EXPIRED
        registration.hold_expires_at = None
        registration.save(update_fields=["status", "hold_expires_at"])
        _send(registration, "expired")
    free = _places_left(group, now)
    for registration in group.registrations.waiting_list()[: max(free, 0)]:
        _hold(registration, now)
        registration.save(update_fields=["status", "hold_expires_at"])
        _send(registration, "place_offered")


# What she (or the coordinator for her) does.


def sign_up(
    group, *, first_name, email, phone="", expectations="", now=None, added_by=None, fingerprint=""
) -> Registration:
    """From the form: a sign-up that takes no place until she confirms her address from the e-mail (`confirm`).
    Added by the coordinator (`added_by`): a place offered for 48 hours, or the waiting list. Signing up again with
    the same address creates nothing: she receives her confirmation link again, or an e-mail saying she is already
    registered (the page says the same as for a new sign-up)."""
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        group = _lock(group)
        _release_and_promote(group, now)
        existing = group.registrations.active().filter(email=email).first()
        if existing is not None:
            if existing.status == Status.PENDING and existing.hold_expires_at is None:
                _send(existing, "confirm_email")
            else:
                _send(existing, "already_registered")
            return existing
        registration = Registration(
            group=group,
            first_name=first_name.strip(),
            email=email,
            phone=phone.strip(),
            expectations=expectations.strip(),
            consented_at=now,
            added_by=added_by,
            status=Status.PENDING,
        )
        if added_by is None:
            registration.fingerprint = fingerprint
            registration.save()
            _send(registration, "confirm_email")
            return registration
        _place_or_wait(registration, group, now)
        return registration


def _place_or_wait(registration, group, now) -> None:
    """A place offered for 48 hours if one is free, else the waiting list; her e-mail says which."""
    if _places_left(group, now) > 0:
        _hold(registration, now)
        registration.save()
        _send(registration, "confirm_place")
    else:
        registration.status = Status.WAITING
        registration.waitlisted_at = now
        registration.hold_expires_at = None
        registration.save()
        _send(registration, "waiting_list")


def confirm(registration, *, now=None) -> Outcome:
    now = now or timezone.now()
    with transaction.atomic():
        group = _lock(registration.group)
        registration.refresh_from_db()
        if registration.status == Status.CONFIRMED:
            return Outcome.ALREADY_CONFIRMED
        if registration.status == Status.PENDING and registration.hold_expires_at is None:
            return _confirm_address(registration, group, now)
        # Her hold ran out but nobody needed the place yet: she still gets it.
        late_but_free = _places_left(group, now) > 0 and not group.registrations.waiting_list().exists()
        if registration.status == Status.PENDING and (registration.hold_expires_at > now or late_but_free):
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.hold_expires_at = None
            registration.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
            _send(registration, "confirmed", sessions_file=True)
            return Outcome.CONFIRMED
        _release_and_promote(group, now)
        registration.refresh_from_db()
        return {
            Status.CANCELLED: Outcome.ALREADY_CANCELLED,
            Status.WAITING: Outcome.WAITING,
        }.get(registration.status, Outcome.EXPIRED)


def _confirm_address(registration, group, now) -> Outcome:
    """Her address is confirmed: a place if one is free and nobody waits before her, else the waiting list."""
    if registration.created_at <= _unconfirmed_cutoff(now):
        _expire_unconfirmed(group, now)
        return Outcome.EXPIRED
    _release_and_promote(group, now)
    registration.fingerprint = ""
    if _places_left(group, now) > 0 and not group.registrations.waiting_list().exists():
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "fingerprint"])
        _send(registration, "confirmed", sessions_file=True)
        return Outcome.CONFIRMED
    registration.status = Status.WAITING
    registration.waitlisted_at = now
    registration.save(update_fields=["status", "waitlisted_at", "fingerprint"])
    _send(registration, "waiting_list")
    return Outcome.WAITING


def cancel(registration, *, now=None, notify=True) -> Outcome:
    """She withdraws (or the coordinator withdraws her): her place goes to the first on the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        group = _lock(registration.group)
        registration.refresh_from_db()
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            return Outcome.ALREADY_CANCELLED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.hold_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "hold_expires_at"])
        if notify:
            _send(registration, "cancelled")
        _release_and_promote(group, now)
        return Outcome.CANCELLED


def move(registration, *, to_group, by, now=None) -> Registration:
    """The coordinator moves her to another group: withdrawn from the first, signed up to the second (which sends
    her the usual e-mail: confirm the place, or waiting list)."""
    with transaction.atomic():
        cancel(registration, now=now, notify=False)
        return sign_up(
            to_group,
            first_name=registration.first_name,
            email=registration.email,
            phone=registration.phone,
            expectations=registration.expectations,
            now=now,
            added_by=by,
        )


# Cron.


def release_expired_holds(*, now=None) -> int:
    """Release every hold that ran out and offer the places (hourly)."""
    now = now or timezone.now()
    groups = PeerGroup.objects.filter(
        Q(registrations__status=Status.PENDING, registrations__hold_expires_at__lte=now)
        | Q(
            registrations__status=Status.PENDING,
            registrations__hold_expires_at__isnull=True,
            registrations__created_at__lte=_unconfirmed_cutoff(now),
        )
    ).distinct()
    count = 0
    for group in groups:
        with transaction.atomic():
            locked = _lock(group)
            count += locked.registrations.filter(status=Status.PENDING, hold_expires_at__lte=now).count()
            _release_and_promote(locked, now)
    return count


def send_reminders(*, now=None) -> int:
    """E-mail confirmed participants the day before each session. A reminder is recorded in the same transaction
    as it is sent: running it twice sends nothing twice; a failed sending is retried on the next run."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    sessions = GroupSession.objects.filter(
        starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1), group__status=EditorialStatus.PUBLISHED
    ).select_related("group")
    sent = 0
    for session in sessions:
        for registration in session.group.registrations.filter(status=Status.CONFIRMED).exclude(
            reminders__session=session
        ):
            with transaction.atomic():
                _, created = SessionReminder.objects.get_or_create(registration=registration, session=session)
                if created:
                    _send(registration, "reminder", session=session)
                    sent += 1
    return sent


def anonymise_finished(*, now=None) -> int:
    count = 0
    for registration in Registration.objects.to_anonymise(now):
        registration.anonymise(now)
        count += 1
    return count


# E-mails.


def links(registration) -> dict:
    site = settings.GUICHET_SITE_URL.rstrip("/")
    return {
        "confirm_url": site + reverse("pairs:confirm", kwargs={"token": tokens.make(registration, tokens.CONFIRM)}),
        "cancel_url": site + reverse("pairs:cancel", kwargs={"token": tokens.make(registration, tokens.CANCEL)}),
        "group_url": site + registration.group.get_absolute_url(),
        "privacy_url": site + "/confidentialite/",
    }


def _send(registration, name, *, session=None, sessions_file=False) -> None:
    """Written to the outgoing queue (settings.EMAIL_BACKEND) inside the caller's transaction: the e-mail exists if
    and only if the change it tells of does; a mail server that is down delays it and fails nothing."""
    if not registration.email:
        return
    group = registration.group
    sessions = list(group.sessions.all())
    mail.send(
        f"pairs/{name}",
        to=registration.email,
        context={
            "registration": registration,
            "group": group,
            "sessions": sessions,
            "session": session,
            "hold_hours": settings.GUICHET_GROUP_HOLD_HOURS,
            **links(registration),
        },
        attachments=[("seances.ics", sessions_calendar(group, sessions), "text/calendar")] if sessions_file else (),
    )


def sessions_calendar(group, sessions) -> bytes:
    """The sessions as a calendar file. The title stays neutral (shared calendars): the group is named inside."""
    site = settings.GUICHET_SITE_URL.rstrip("/")
    location = "En visio : le lien est dans l'e-mail de confirmation" if group.is_video else group.full_address
    entries = [
        calendars.Entry(
            uid=f"groupe-{group.pk}-seance-{session.pk}@guichet-unique",
            start=session.starts_at,
            end=session.ends_at,
            summary="Rendez-vous (Guichet unique)",
            changed=group.updated_at,
            description=f"{group.name}\nAnimé par {group.facilitator_name}.\n{site}{group.get_absolute_url()}",
            location=location,
            url=f"{site}{group.get_absolute_url()}",
        )
        for session in sessions
    ]
    return calendars.calendar(entries, name="Rendez-vous (Guichet unique)")
