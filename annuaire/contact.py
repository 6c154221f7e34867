"""Requests to be put in touch ("demandes de mise en relation"): they reach the coordinator first, never a structure.

What she writes is health data: stored only with her explicit consent, never copied into an e-mail (except to the
structure she is oriented to, when she ticked that she agrees), anonymised a set time after the request is closed.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from guichet.enums import Phase, ProfessionalStatus
from guichet.working_days import add_working_days


class ContactMethod(models.TextChoices):
    PHONE = "telephone", "Par téléphone"
    EMAIL = "email", "Par e-mail"


class RequestState(models.TextChoices):
    NEW = "nouvelle", "Nouvelle"
    IN_PROGRESS = "en-cours", "En cours"
    ORIENTED = "orientee", "Orientée vers une structure"
    CLOSED = "close", "Close"
    REFUSED = "refusee", "Refusée"


class RefusalReason(models.TextChoices):
    OUT_OF_SCOPE = "hors-champ", "La demande ne relève pas du Guichet unique"
    UNREACHABLE = "injoignable", "Personne injoignable après plusieurs essais"
    DUPLICATE = "doublon", "Demande en double"
    WITHDRAWN = "retiree", "Retirée à sa demande"
    ABUSE = "abus", "Message abusif"


class ClosingReason(models.TextChoices):
    ANSWERED = "repondue", "Elle a eu la réponse qu'elle cherchait"
    TAKEN_OVER = "relais", "La structure vers laquelle elle est orientée a pris le relais"
    NO_FURTHER = "sans-suite", "Elle ne souhaite plus de suite"


# What the e-mail telling her that her request is closed says of the reason the coordinator chose. No e-mail after an
# abusive message.
REASON_FOR_HER = {
    ClosingReason.ANSWERED: "vous avez eu la réponse que vous cherchiez",
    ClosingReason.TAKEN_OVER: "la structure vers laquelle nous vous avons orientée a pris le relais",
    ClosingReason.NO_FURTHER: "vous nous avez dit ne plus souhaiter de suite",
    RefusalReason.OUT_OF_SCOPE: "votre demande ne relève pas de ce que propose le Guichet unique",
    RefusalReason.UNREACHABLE: "nous n'avons pas réussi à vous joindre malgré plusieurs essais",
    RefusalReason.DUPLICATE: "vous nous aviez déjà envoyé la même demande : nous suivons l'autre",
    RefusalReason.WITHDRAWN: "vous nous avez demandé de la retirer",
}

ENDED = (RequestState.CLOSED, RequestState.REFUSED)
# Entering these states means the coordinator has reached her (a refusal may come without any call).
CONTACTED = (RequestState.IN_PROGRESS, RequestState.ORIENTED, RequestState.CLOSED)


def new_link_key() -> str:
    """The per-request secret her private link is signed with: replacing it (or emptying it) revokes the link."""
    return secrets.token_urlsafe(24)


LINK_SALT = "annuaire.contact-request-link"
# The request number, then the signature: the link names no person and nothing she wrote.
LINK_SEPARATOR = "."


class ContactRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests the coordinator still has to handle."""
        return self.filter(state__in=[RequestState.NEW, RequestState.IN_PROGRESS, RequestState.ORIENTED])

    def unanswered(self):
        """Still open and nobody has called her back."""
        return self.open().filter(first_contact_at__isnull=True, anonymised_at__isnull=True).order_by("created_at")

    def to_anonymise(self, now=None):
        """Closed or refused longer ago than the retention period, and not anonymised yet."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.GUICHET_REQUEST_RETENTION_DAYS)
        return self.filter(
            state__in=[RequestState.CLOSED, RequestState.REFUSED], closed_at__lt=cutoff, anonymised_at__isnull=True
        )


class ContactRequest(models.Model):
    structure = models.ForeignKey(
        "annuaire.Structure",
        verbose_name="depuis la fiche",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
    )
    message = models.TextField("son besoin")
    phase = models.CharField("phase", max_length=20, choices=Phase.choices, blank=True)
    professional_status = models.CharField("statut", max_length=30, choices=ProfessionalStatus.choices, blank=True)
    contact_method = models.CharField("être recontactée", max_length=10, choices=ContactMethod.choices)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    preferred_times = models.CharField("moments préférés", max_length=200, blank=True)
    questionnaire_answers = models.JSONField(
        "ses réponses au questionnaire",
        default=dict,
        blank=True,
        help_text="Jointes à sa demande parce qu'elle l'a choisi ; effacées avec la demande.",
    )
    consented_at = models.DateTimeField("consentement donné le")
    share_with_structure = models.BooleanField(
        "accepte que sa demande soit transmise à la structure",
        default=False,
        help_text="Son message et ses coordonnées, à la structure vers laquelle elle est orientée.",
    )
    state = models.CharField("état", max_length=10, choices=RequestState.choices, default=RequestState.NEW)
    refusal_reason = models.CharField("motif du refus", max_length=20, choices=RefusalReason.choices, blank=True)
    closing_reason = models.CharField(
        "motif de la clôture",
        max_length=20,
        choices=ClosingReason.choices,
        blank=True,
        help_text="Il lui est dit dans l'e-mail qui lui annonce que sa demande est close.",
    )
    oriented_to = models.ForeignKey(
        "annuaire.Structure",
        verbose_name="orientée vers",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oriented_requests",
    )
    internal_notes = models.TextField("notes internes", blank=True)
    link_key = models.CharField(
        "clé de son lien privé",
        max_length=64,
        blank=True,
        default=new_link_key,
        editable=False,
        help_text="Signe le lien de sa page de suivi ; vide : le lien ne fonctionne plus.",
    )
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    first_contact_at = models.DateTimeField(
        "premier contact le",
        null=True,
        blank=True,
        help_text="Noté quand la demande passe « en cours », « orientée » ou « close ».",
    )
    oriented_at = models.DateTimeField("orientée le", null=True, blank=True)
    closed_at = models.DateTimeField("close le", null=True, blank=True)
    reminded_at = models.DateTimeField(
        "rappel à l'animatrice le", null=True, blank=True, help_text="Sans réponse après le délai promis."
    )
    escalated_at = models.DateTimeField(
        "rappel aux administratrices le",
        null=True,
        blank=True,
        help_text="Toujours sans réponse GUICHET_REQUEST_ESCALATION_WORKING_DAYS jours ouvrés après le délai promis.",
    )
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de mise en relation"
        verbose_name_plural = "demandes de mise en relation"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=RequestState.REFUSED) | ~Q(refusal_reason=""),
                name="contact_request_refusal_has_reason",
                violation_error_message="Choisissez le motif du refus.",
            ),
            models.CheckConstraint(
                condition=~Q(state=RequestState.ORIENTED) | Q(oriented_to__isnull=False),
                name="contact_request_orientation_has_structure",
                violation_error_message="Indiquez la structure vers laquelle la demande est orientée.",
            ),
        ]

    def __str__(self):
        return f"Demande n° {self.pk}"

    def save(self, *args, **kwargs):
        if self.state in ENDED and self.closed_at is None:
            self.closed_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.state == RequestState.CLOSED and not self.closing_reason:
            raise ValidationError({"closing_reason": "Choisissez le motif de la clôture : il lui est dit."})

    @property
    def state_for_her(self) -> str:
        """Where her request stands, in her words (a refusal is "close" for her, with its reason)."""
        if self.state == RequestState.NEW:
            return "Reçue"
        if self.state == RequestState.IN_PROGRESS:
            return "En cours"
        if self.state == RequestState.ORIENTED:
            return f"Orientée vers {self.oriented_to}"
        return "Close"

    @property
    def is_open(self) -> bool:
        return self.state not in ENDED

    @property
    def is_new(self) -> bool:
        return self.state == RequestState.NEW

    @property
    def is_in_progress(self) -> bool:
        return self.state == RequestState.IN_PROGRESS

    @property
    def is_oriented(self) -> bool:
        return self.state == RequestState.ORIENTED

    @property
    def wants_a_call(self) -> bool:
        """She asked to be called back rather than written to."""
        return self.contact_method == ContactMethod.PHONE

    @property
    def reason_for_her(self) -> str:
        """The reason of the closing, in words for her; empty when she is not to be told (abuse)."""
        reason = self.closing_reason if self.state == RequestState.CLOSED else self.refusal_reason
        return REASON_FOR_HER.get(reason, "")

    def get_admin_url(self):
        return reverse("admin:annuaire_contactrequest_change", args=[self.pk])

    @property
    def promised_by(self) -> datetime.date:
        """The date by which she was promised a call back."""
        return add_working_days(timezone.localdate(self.created_at), settings.GUICHET_CALLBACK_WORKING_DAYS)

    @property
    def escalate_on(self) -> datetime.date:
        """The day the administrators are told, if nobody has called her back by then."""
        return add_working_days(self.promised_by, settings.GUICHET_REQUEST_ESCALATION_WORKING_DAYS)

    @property
    def promise_kept(self) -> bool | None:
        """Was she contacted within the promised delay? None while nobody has contacted her and it is not late."""
        if self.first_contact_at:
            return timezone.localdate(self.first_contact_at) <= self.promised_by
        return False if timezone.localdate() > self.promised_by else None

    # Her private link ("Suivre ma demande"): a signature of the request number with SECRET_KEY and this request's
    # own key, so that it can be written again in every e-mail and revoked alone (rotate_link, anonymise).

    def _link_signer(self) -> signing.Signer:
        return signing.Signer(salt=f"{LINK_SALT}:{self.link_key}", sep=LINK_SEPARATOR)

    @property
    def link_token(self) -> str:
        """The token of her private link; empty once revoked."""
        return self._link_signer().sign(str(self.pk)) if self.link_key and self.pk else ""

    @classmethod
    def from_link_token(cls, token: str, queryset=None):
        """The request this token is for, or None (altered, unknown, revoked or erased)."""
        number, separator, _signature = (token or "").partition(LINK_SEPARATOR)
        if not separator or not number.isdigit() or len(number) > 18:
            return None
        queryset = cls.objects.all() if queryset is None else queryset
        request = queryset.filter(pk=int(number), anonymised_at__isnull=True).exclude(link_key="").first()
        if request is None:
            return None
        try:
            request._link_signer().unsign(token)
        except signing.BadSignature:
            return None
        return request

    def rotate_link(self) -> None:
        """A new private link: the former one stops working."""
        self.link_key = new_link_key()
        self.save(update_fields=["link_key", "updated_at"])

    def anonymise(self) -> None:
        """Erase what she wrote and how to reach her (and her private link); keep dates, state and structures for
        the figures."""
        self.added_messages.all().delete()
        self.link_key = ""
        self.message = ""
        self.phone = ""
        self.email = ""
        self.preferred_times = ""
        self.questionnaire_answers = {}
        self.internal_notes = ""
        self.phase = ""
        self.professional_status = ""
        self.anonymised_at = timezone.now()
        self.save()


class ContactRequestMessage(models.Model):
    """What she adds to her request from her private page; erased with the request."""

    request = models.ForeignKey(
        ContactRequest, verbose_name="demande", on_delete=models.CASCADE, related_name="added_messages"
    )
    text = models.TextField("message ajouté")
    created_at = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "message ajouté par elle"
        verbose_name_plural = "messages ajoutés par elle"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message du {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"
