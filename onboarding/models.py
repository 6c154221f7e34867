"""What the questionnaire may write: anonymous counters, the event codes, and — only with her consent — her answers
saved in her account. Her answers otherwise live in her browser (an encrypted cookie, guichet/answers.py) and nowhere
else; of her "continuer sur mon téléphone" links, only the random id of those she turned off."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from guichet.enums import Phase, ProfessionalStatus, YesNo
from guichet.targeting import Concat


class SourceCode(models.Model):
    """One code per event where the coordinator presents the site: /questionnaire/?source=CODE (flyers, stands)."""

    code = models.SlugField(
        "code",
        max_length=80,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9-]+$", "Lettres minuscules, chiffres et tirets seulement.")],
        help_text="Par exemple : salon-cci-marseille-2027. Il apparaît dans l'adresse imprimée sur les affiches.",
    )
    label = models.CharField("événement", max_length=200)
    event_date = models.DateField("date", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True, help_text="Un code inactif n'est plus compté.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "code d'événement"
        verbose_name_plural = "codes d'événement"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} ({self.code})"


class UsageCount(models.Model):
    """An anonymous counter: no identifier, no address, nothing finer than the day. Figures are shown only in
    aggregates where every cell counts at least 5."""

    class Kind(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", "Questionnaire terminé"
        PRINTED = "imprime", "Parcours imprimé"
        EMAILED = "envoye", "Parcours envoyé par e-mail"
        SAVED = "enregistre", "Parcours enregistré dans un compte"
        PHONE = "telephone", "Parcours continué sur un autre appareil"

    day = models.DateField("jour")
    kind = models.CharField("quoi", max_length=16, choices=Kind.choices)
    phase = models.CharField("phase", max_length=16, blank=True)
    status = models.CharField("statut", max_length=32, blank=True)
    departement = models.CharField("département", max_length=3, blank=True)
    source = models.CharField("code d'événement", max_length=80, blank=True)
    count = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "compteur anonyme"
        verbose_name_plural = "compteurs anonymes"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "phase", "status", "departement", "source"], name="usage_count_one_row_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.get_kind_display()} : {self.count}"

    @classmethod
    def add(cls, *, day, kind, phase="", status="", departement="", source="") -> None:
        """One more in this cell, in a single statement (an upsert, on SQLite and PostgreSQL alike)."""
        table = cls._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, kind, phase, status, departement, source, count) "
                "VALUES (%s, %s, %s, %s, %s, %s, 1) "
                "ON CONFLICT (day, kind, phase, status, departement, source) "
                f"DO UPDATE SET count = {table}.count + 1",
                [day.isoformat(), kind, phase, status, departement, source],
            )


class SavedAnswers(models.Model):
    """Her answers, saved in her account because she ticked the consent box. She sees, changes and deletes them
    from /compte/; deleting the account deletes them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_answers")
    answers = models.JSONField("réponses")
    consented_at = models.DateTimeField("accord donné le")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponses enregistrées"
        verbose_name_plural = "réponses enregistrées"

    def __str__(self):
        return f"Réponses de {self.user}"


class RevokedLink(models.Model):
    """A "continuer sur mon téléphone" link she turned off ("désactiver les liens envoyés"): only the random id her
    links carried, nothing about her. Deleted once every link with that id has expired anyway."""

    link_id = models.CharField("identifiant du lien", max_length=32, unique=True)
    revoked_at = models.DateTimeField("désactivé le", auto_now_add=True)

    class Meta:
        verbose_name = "lien désactivé"
        verbose_name_plural = "liens désactivés"

    def __str__(self):
        return self.link_id


ANY_ANSWER = ""
ANSWER_CONDITIONS = [(ANY_ANSWER, "Peu importe"), (YesNo.YES, "Oui"), (YesNo.NO, "Non"), (YesNo.UNKNOWN, "Ne sait pas")]


class FirstStepQuerySet(models.QuerySet):
    def for_memory(self):
        """The active steps in order, each with `status_codes` and `phase_codes` (sets; empty: everyone) for
        `concerns`: one query whatever their number."""

        def codes(field, column):
            through = self.model._meta.get_field(field).remote_field.through
            rows = (
                through.objects.filter(firststep_id=OuterRef("pk"))
                .values("firststep_id")
                .annotate(codes=Concat(column))
            )
            return Subquery(rows.values("codes"), output_field=models.CharField())

        steps = list(
            self.filter(is_active=True)
            .select_related("aid", "sheet")
            .annotate(status_list=codes("statuses", "statustag_id"), phase_list=codes("phases", "phasetag_id"))
            .order_by("position", "pk")
        )
        for step in steps:
            step.status_codes = frozenset(step.status_list.split(",")) if step.status_list else frozenset()
            step.phase_codes = frozenset(step.phase_list.split(",")) if step.phase_list else frozenset()
        return steps


class FirstStep(models.Model):
    """ "Par où commencer": one concrete action, targeted like an aid (statuts, phases, the answer to the eligibility
    question) and linked to an aid, a sheet or a page of the site. The coordinator edits them; content/first_steps.yaml
    holds the demo set."""

    slug = models.SlugField("identifiant", max_length=120, unique=True)
    title = models.CharField("action", max_length=200, help_text="Une action, à l'impératif, courte.")
    text = models.CharField("en une ou deux phrases", max_length=500, help_text="Vraie pour toutes celles visées.")
    # Public pages show it: a change starts a new generation of cached content (guichet.sharedcache).
    public_content = True

    statuses = models.ManyToManyField(
        "guichet.StatusTag",
        verbose_name="statuts",
        related_name="+",
        blank=True,
        help_text="Aucun : tous les statuts. « Je ne sais pas » : celles qui ne connaissent pas leur statut.",
    )
    phases = models.ManyToManyField(
        "guichet.PhaseTag", verbose_name="phases", related_name="+", blank=True, help_text="Aucune : toutes."
    )
    paid_mandate = models.CharField(
        "présidente de SAS rémunérée ?", max_length=3, choices=ANSWER_CONDITIONS, default=ANY_ANSWER, blank=True
    )
    twelve_months = models.CharField(
        "affiliée depuis 12 mois ?", max_length=3, choices=ANSWER_CONDITIONS, default=ANY_ANSWER, blank=True
    )
    aid = models.ForeignKey(
        "ressources.Aid", verbose_name="aide", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sheet = models.ForeignKey(
        "ressources.Sheet", verbose_name="fiche", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    url = models.CharField(
        "ou une adresse du site", max_length=200, blank=True, help_text="Par exemple : /annuaire/mise-en-relation/"
    )
    position = models.PositiveSmallIntegerField("ordre", default=100, help_text="Le plus urgent d'abord.")
    is_active = models.BooleanField("affichée", default=True)
    source_url = models.URLField("source", max_length=500, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = FirstStepQuerySet.as_manager()

    class Meta:
        verbose_name = "première démarche"
        verbose_name_plural = "premières démarches (« Par où commencer »)"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(aid__isnull=False, sheet__isnull=True, url="")
                    | Q(aid__isnull=True, sheet__isnull=False, url="")
                    | (Q(aid__isnull=True, sheet__isnull=True) & ~Q(url=""))
                ),
                name="first_step_one_link",
                violation_error_message="Reliez la démarche à une aide, ou à une fiche, ou à une adresse du site : "
                "une seule des trois.",
            ),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="/"),
                name="first_step_url_on_site",
                violation_error_message="L'adresse doit commencer par « / » (une page de ce site).",
            ),
        ]

    def __str__(self):
        return self.title

    def concerns(self, answers) -> bool:
        """For her (a step read by `for_memory`): her statut (or "ne-sait-pas" when she does not know it), her phase
        (the treatment's when she did not answer), and the answers she gave to the eligibility questions."""
        status = answers.status if answers.status_known else ProfessionalStatus.UNKNOWN
        phase = answers.phase or Phase.TREATMENT
        return (
            (not self.status_codes or status in self.status_codes)
            and (not self.phase_codes or phase in self.phase_codes)
            and all(
                getattr(self, name) in (ANY_ANSWER, getattr(answers, name) or YesNo.UNKNOWN)
                for name in ("paid_mandate", "twelve_months")
            )
        )

    def get_link(self) -> str:
        if self.aid_id:
            return self.aid.get_absolute_url()
        if self.sheet_id:
            return self.sheet.get_absolute_url()
        return self.url or reverse("onboarding:parcours")
