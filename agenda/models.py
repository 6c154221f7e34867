"""Events of the agenda and their occurrences.

An event is entered once; a recurring permanence carries one rule (agenda/recurrence.py). Its occurrences are stored
rows, kept in step with the rule up to a horizon (`GUICHET_AGENDA_HORIZON_DAYS`), so that the listing, the archive and
the feeds page and filter in the database at a constant number of queries. One occurrence can be cancelled or moved
without touching the others: the rule's later changes keep it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from agenda import recurrence
from agenda.enums import EventKind, Mode, Registration, Repeat
from guichet.enums import EditorialStatus
from guichet.models import EditorialModel, ForAudience, Organised, Placed, SluggedModel, five_digit_postal_code
from guichet.richtext import RICH_TEXT_EXTENSIONS
from guichet.search import SearchableModel
from guichet.targeting import ForAudienceQuerySet

ONLINE_MODES = (Mode.ONLINE, Mode.BOTH)


class EventQuerySet(ForAudienceQuerySet):
    def for_departement(self, code: str):
        """Events held in this département, and every event one can follow online."""
        return self.filter(Q(mode__in=ONLINE_MODES) | Q(departement__code=code))


class Event(Organised, Placed, ForAudience, SluggedModel, SearchableModel, EditorialModel):
    """Who organises it, where and for whom: guichet.models.gatherings, shared with the peer groups."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("titre", max_length=200)
    kind = models.CharField("type d'événement", max_length=12, choices=EventKind.choices)
    summary = models.CharField("en bref", max_length=300, help_text="Une phrase : ce qui s'y passe, pour qui.")
    description = ProseEditorField("description", extensions=RICH_TEXT_EXTENSIONS, sanitize=True, blank=True)
    # Where.
    mode = models.CharField("format", max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    online_url = models.URLField(
        "lien public pour suivre en ligne",
        max_length=500,
        blank=True,
        help_text="Vide : « lien communiqué à l'inscription ».",
    )
    # When. Times are entered and shown in Europe/Paris.
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    repeat = models.CharField("répétition", max_length=16, choices=Repeat.choices, default=Repeat.NONE, blank=True)
    repeat_interval = models.PositiveSmallIntegerField(
        "tous les", default=1, help_text="1 : chaque semaine ou chaque mois ; 2 : une semaine ou un mois sur deux."
    )
    repeat_until = models.DateField("jusqu'au", null=True, blank=True, help_text="Vide : sans date de fin.")
    # Price and registration.
    is_free = models.BooleanField("gratuit", default=True)
    price_note = models.CharField("précisions sur le prix", max_length=200, blank=True)
    registration = models.CharField(
        "inscription", max_length=12, choices=Registration.choices, default=Registration.OPEN
    )
    registration_url = models.URLField("lien d'inscription", max_length=500, blank=True)
    registration_phone = models.CharField(
        "téléphone d'inscription", max_length=60, blank=True, help_text="Tel qu'il est publié."
    )
    peer_group = models.ForeignKey(
        "pairs.PeerGroup",
        verbose_name="groupe de pairs",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text="Pour une inscription via ce site : le groupe auquel s'inscrire.",
    )
    is_demo = models.BooleanField("démonstration", default=False, help_text="Événement fictif de démonstration.")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["starts_at"]
        default_related_name = "events"  # structure.events (the organiser, guichet.models.Organised)
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            five_digit_postal_code("event_postal_code_five_digits"),
            models.CheckConstraint(condition=Q(repeat_interval__gte=1), name="event_repeat_interval_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:detail", kwargs={"slug": self.slug})

    def search_document(self) -> str:
        return " ".join([self.title, self.summary, self.description, self.place_name, self.city, self.organiser_name])

    def clean(self):
        errors = self.place_errors()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "La fin doit venir après le début."
        elif self.starts_at and self.ends_at and self.ends_at - self.starts_at > timedelta(days=14):
            errors["ends_at"] = "Un événement dure au plus 14 jours ; pour une série, utilisez la répétition."
        if self.repeat and self.repeat_until and self.starts_at:
            if self.repeat_until < timezone.localdate(self.starts_at):
                errors["repeat_until"] = "La date de fin de la répétition est avant le premier rendez-vous."
        if self.repeat and self.starts_at and self.ends_at and self.ends_at - self.starts_at > timedelta(days=1):
            errors["repeat"] = "Seul un événement d'une journée au plus peut se répéter."
        if self.registration == Registration.REQUIRED and not (self.registration_url or self.registration_phone):
            errors["registration_url"] = "Indiquez un lien ou un téléphone pour s'inscrire."
        if self.registration == Registration.SITE and self.peer_group_id is None:
            errors["peer_group"] = "Choisissez le groupe de pairs auquel s'inscrire sur ce site."
        errors |= self.organiser_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.description = self._meta.get_field("description").sanitize(self.description or "")
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_occurrences()

    # Occurrences.

    def sync_occurrences(self, *, now=None) -> None:
        """Bring the stored occurrences in step with the rule, up to the horizon. Cancelled or moved occurrences
        keep their changes; those the rule no longer gives are removed."""
        until = recurrence.horizon(now, days=settings.GUICHET_AGENDA_HORIZON_DAYS)
        slots = recurrence.expand(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            repeat=self.repeat,
            interval=self.repeat_interval,
            until=self.repeat_until,
            horizon=until,
        )
        # A date of the series is known by its day: new hours for the series keep each date's cancellation.
        existing = {timezone.localdate(o.original_start): o for o in self.occurrences.all()}
        if not self.repeat and len(existing) == 1:
            # A one-off event's only occurrence follows the event when its date is edited.
            existing = {timezone.localdate(slots[0].original_start): next(iter(existing.values()))}
        wanted = {timezone.localdate(slot.original_start): slot for slot in slots}
        self.occurrences.exclude(pk__in=[o.pk for day, o in existing.items() if day in wanted]).delete()
        new = []
        for day, slot in wanted.items():
            occurrence = existing.get(day)
            if occurrence is None:
                new.append(
                    Occurrence(
                        event=self, original_start=slot.original_start, starts_at=slot.starts_at, ends_at=slot.ends_at
                    )
                )
                continue
            fields = []
            if occurrence.original_start != slot.original_start:
                occurrence.original_start = slot.original_start
                fields.append("original_start")
            if not occurrence.is_moved and (occurrence.starts_at, occurrence.ends_at) != (slot.starts_at, slot.ends_at):
                occurrence.starts_at, occurrence.ends_at = slot.starts_at, slot.ends_at
                fields += ["starts_at", "ends_at"]
            if fields:
                occurrence.save(update_fields=[*fields, "updated_at"])
        Occurrence.objects.bulk_create(new)

    # Words for the pages.

    @property
    def kind_choice(self) -> EventKind:
        return EventKind(self.kind)

    @property
    def is_online(self) -> bool:
        return self.mode in ONLINE_MODES

    @property
    def is_on_site(self) -> bool:
        return self.mode in (Mode.ON_SITE, Mode.BOTH)

    @property
    def recurrence_text(self) -> str:
        return recurrence.describe(
            self.repeat, start=self.starts_at, interval=self.repeat_interval, until=self.repeat_until
        )


class OccurrenceQuerySet(models.QuerySet):
    """Occurrences to list. Who an event concerns is decided by the event's rules (EventQuerySet), never here."""

    def public(self):
        return self.filter(event__status=EditorialStatus.PUBLISHED)

    def upcoming(self, now=None):
        """Not over yet: an ongoing event stays until its end. Soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Over. Latest first."""
        return self.filter(ends_at__lte=now or timezone.now()).order_by("-starts_at", "-pk")

    def not_cancelled(self):
        return self.filter(is_cancelled=False)

    def overlapping(self, start, end):
        """Occurrences under way at some point between `start` and `end`."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def for_cards(self):
        return self.select_related("event", "event__departement", "event__organiser").prefetch_related("event__themes")

    def of_events(self, events):
        return self.filter(event__in=events.values("pk"))

    # The listing's filters, applied to the events.
    def for_phase(self, phase):
        return self.of_events(Event.objects.for_phase(phase))

    def for_status(self, status):
        return self.of_events(Event.objects.for_status(status))

    def for_departement(self, code):
        return self.of_events(Event.objects.for_departement(code))

    def with_theme_slugs(self, slugs):
        return self.of_events(Event.objects.with_theme_slugs(slugs))

    def search(self, query):
        return self.of_events(Event.objects.search(query))


class Occurrence(models.Model):
    """One date of an event. `original_start` is where the rule put it; its day names the occurrence for ever."""

    # Listed in the agenda and the parcours: a change (a date moved, cancelled) clears cached pages and each process's
    # copy of the parcours's next events (guichet.sharedcache).
    public_content = True

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField("date prévue par la répétition")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    is_cancelled = models.BooleanField("annulée", default=False)
    is_moved = models.BooleanField(
        "déplacée", default=False, help_text="Horaires changés pour cette date seulement : la répétition les garde."
    )
    note = models.CharField("message", max_length=200, blank=True, help_text="Par exemple : salle changée.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = "date"
        verbose_name_plural = "dates"
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "original_start"], name="occurrence_unique_per_event"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["ends_at", "starts_at"], name="occurrence_upcoming"),
            models.Index(fields=["starts_at"], name="occurrence_start"),
        ]

    def __str__(self):
        return f"{self.event} — {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "La fin doit venir après le début."})

    @property
    def is_ongoing(self) -> bool:
        now = timezone.now()
        return self.starts_at <= now < self.ends_at

    @property
    def spans_days(self) -> bool:
        return timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at)
