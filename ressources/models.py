"""Fiches d'information, aides et dispositifs, contenus inspirants.

Who a resource concerns is stored as facts the site can check: statuses, phases, territories. An empty list means
"everyone" (all statuses, all phases, the whole of France); the questionnaire will match on the same rules.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_prose_editor.fields import ProseEditorField

from guichet.enums import Phase, ProfessionalStatus
from guichet.models import EditorialModel, PhaseTag, SluggedModel, StatusTag, Territory, Theme
from guichet.richtext import RICH_TEXT_EXTENSIONS
from guichet.search import SearchableModel
from guichet.targeting import TargetingQuerySet
from ressources.enums import Beneficiary, ContentFormat, CriterionKind, ResourceKind


class ResourceQuerySet(TargetingQuerySet):
    def for_list(self):
        """What a listing shows: published entries with their themes, by title."""
        return self.published().prefetch_related("themes").order_by("title", "pk")

    def related_to(self, entry):
        """Other published entries sharing a theme with `entry`."""
        return self.published().exclude(pk=entry.pk).with_themes(entry.themes.all()).order_by("title")


class Resource(SluggedModel, SearchableModel, EditorialModel):
    kind: ResourceKind

    title = models.CharField("titre", max_length=200)
    summary = models.CharField("en bref", max_length=400, help_text="Une ou deux phrases, en langage simple.")
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", related_name="+", blank=True)
    phases = models.ManyToManyField(
        PhaseTag, verbose_name="phases", related_name="+", blank=True, help_text="Aucune : toutes les phases."
    )
    statuses = models.ManyToManyField(
        StatusTag, verbose_name="statuts", related_name="+", blank=True, help_text="Aucun : tous les statuts."
    )
    territories = models.ManyToManyField(
        Territory,
        verbose_name="territoires",
        related_name="+",
        blank=True,
        help_text="Aucun : toute la France.",
    )
    is_demo = models.BooleanField(
        "démonstration", default=False, help_text="Contenu fictif des données de démonstration."
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ressources:detail", kwargs={"kind": self.kind.value, "slug": self.slug})

    @property
    def is_aid(self) -> bool:
        return self.kind == ResourceKind.AID

    @property
    def is_inspiring_content(self) -> bool:
        return self.kind == ResourceKind.CONTENT

    def search_document(self) -> str:
        return f"{self.title} {self.summary}"

    @property
    def phase_labels(self) -> list[str]:
        return [Phase(tag.code).short_label for tag in self.phases.all()]

    @property
    def status_labels(self) -> list[str]:
        return [ProfessionalStatus(tag.code).label for tag in self.statuses.all()]


class Sheet(Resource):
    """Fiche d'information: a short, plain-French sheet."""

    kind = ResourceKind.SHEET
    body = ProseEditorField("texte", extensions=RICH_TEXT_EXTENSIONS, sanitize=True, blank=True)

    class Meta(Resource.Meta):
        verbose_name = "fiche d'information"
        verbose_name_plural = "fiches d'information"
        indexes = [models.Index(fields=["status", "title"], name="sheet_public_list")]

    def save(self, *args, **kwargs):
        # Sanitised on every save, not only through forms: no stored HTML reaches the page unsanitised.
        self.body = self._meta.get_field("body").sanitize(self.body or "")
        super().save(*args, **kwargs)

    def search_document(self) -> str:
        questions = " ".join(f"{q.question} {q.answer}" for q in self.questions.all()) if self.pk else ""
        return f"{super().search_document()} {self.body} {questions}"


class SheetQuestion(models.Model):
    """One question of a sheet's short FAQ."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField("question", max_length=300)
    answer = models.TextField("réponse", help_text="Texte simple ; une ligne vide sépare deux paragraphes.")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "question fréquente"
        verbose_name_plural = "questions fréquentes"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question


class Aid(Resource):
    """Aide ou dispositif: what it gives, to whom, on which conditions, how to apply."""

    kind = ResourceKind.AID
    benefit = models.TextField("ce que ça apporte")
    audience = models.TextField("pour qui", help_text="En mots simples : qui peut en bénéficier.")
    conditions = models.TextField(
        "conditions",
        blank=True,
        help_text="Une condition par ligne, en mots simples (« 12 mois d'affiliation »…).",
    )
    amount = models.CharField("montant", max_length=300, blank=True)
    amount_year = models.PositiveSmallIntegerField(
        "année du montant", null=True, blank=True, help_text="Les montants changent chaque année."
    )
    how_to_apply = models.TextField("comment faire la demande", blank=True)
    apply_organisation = models.CharField("organisme à contacter", max_length=200, blank=True)
    apply_url = models.URLField("lien pour la demande", max_length=500, blank=True)
    apply_phone = models.CharField("téléphone", max_length=60, blank=True, help_text="Tel qu'il est publié.")
    paper_form = models.CharField(
        "formulaire papier",
        max_length=400,
        blank=True,
        help_text="Où se procurer le formulaire papier de la demande (« à demander à la CPAM, ou à imprimer depuis "
        "ameli.fr : Cerfa n° … »). Vide quand il n'y en a pas ou qu'aucune source ne le dit.",
    )
    to_verify = models.BooleanField(
        "à vérifier",
        default=False,
        help_text="Une information n'est pas sûre : la fiche l'affiche clairement.",
    )
    to_verify_note = models.CharField("ce qui est à vérifier", max_length=600, blank=True)
    # Who it is for and when it matters: onboarding/RULES.md explains how the parcours uses them.
    beneficiary = models.CharField(
        "pour qui",
        max_length=10,
        choices=Beneficiary.choices,
        default=Beneficiary.PERSON,
        help_text="Une aide pour la proche aidante n'est jamais présentée comme une aide pour la personne malade.",
    )
    essential_phases = models.ManyToManyField(
        PhaseTag,
        verbose_name="essentielle pendant",
        related_name="+",
        blank=True,
        help_text="Les phases où cette aide est un droit essentiel : montrée en premier à celles qui y ont droit, "
        "jamais coupée.",
    )
    reason = models.CharField(
        "pourquoi elle la concerne",
        max_length=300,
        blank=True,
        help_text="Une phrase écrite pour cette aide, vraie pour toutes celles qu'elle vise (« En arrêt complet, "
        "l'Assurance maladie vous verse une somme par jour »).",
    )

    class Meta(Resource.Meta):
        verbose_name = "aide ou dispositif"
        verbose_name_plural = "aides et dispositifs"
        indexes = [models.Index(fields=["status", "title"], name="aid_public_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount="") | Q(amount_year__isnull=False),
                name="aid_amount_has_its_year",
                violation_error_message="Un montant doit indiquer l'année à laquelle il se rapporte.",
            ),
            models.CheckConstraint(
                condition=Q(to_verify=False) | ~Q(to_verify_note=""),
                name="aid_to_verify_says_what",
                violation_error_message="Dites ce qui est à vérifier.",
            ),
        ]

    @property
    def condition_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.conditions.splitlines() if line.strip(" -•\t")]

    def search_document(self) -> str:
        return " ".join(
            [super().search_document(), self.benefit, self.audience, self.conditions, self.apply_organisation]
        )

    @property
    def is_for_caregiver(self) -> bool:
        return self.beneficiary == Beneficiary.CAREGIVER


class AidCriterionQuerySet(models.QuerySet):
    def for_evaluation(self):
        """Every criterion in its order: what the rules engine reads."""
        return self.order_by("position", "pk")


class AidCriterion(models.Model):
    """One condition of an aid, with the sentences written for that aid: why it applies when the condition is met,
    what to check when her answers do not tell, and (for the questions the questionnaire asks) what to do when it is
    not met. Evaluated by ressources/eligibility.py."""

    # Public pages show it with the entries: a change starts a new generation of cached content (guichet.sharedcache).
    public_content = True

    aid = models.ForeignKey(Aid, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField("condition", max_length=30, choices=CriterionKind.choices)
    met_text = models.CharField(
        "quand c'est son cas",
        max_length=400,
        blank=True,
        help_text="Pour les conditions demandées au questionnaire : la phrase « pourquoi » quand elle remplit la "
        "condition (« Affiliée depuis plus d'un an : la condition d'ancienneté est remplie »).",
    )
    check_text = models.CharField(
        "à vérifier",
        max_length=500,
        help_text="Ce qu'il faut vérifier et comment, quand ses réponses ne le disent pas (quel document, quel "
        "organisme).",
    )
    not_met_text = models.CharField(
        "quand ce n'est pas son cas",
        max_length=400,
        blank=True,
        help_text="Pour les conditions demandées : ce qu'elle peut quand même demander (ex. le maintien de droits). "
        "Laissez vide pour ne plus montrer l'aide à celle qui ne remplit pas la condition.",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    objects = AidCriterionQuerySet.as_manager()

    class Meta:
        verbose_name = "condition évaluée"
        verbose_name_plural = "conditions évaluées"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["aid", "kind"],
                condition=~Q(kind=CriterionKind.OTHER),
                name="aid_criterion_once_per_kind",
                violation_error_message="Cette condition est déjà indiquée pour cette aide.",
            ),
            models.CheckConstraint(
                condition=~Q(check_text=""),
                name="aid_criterion_says_what_to_check",
                violation_error_message="Dites ce qu'il faut vérifier et comment.",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        errors = {}
        kind = CriterionKind(self.kind) if self.kind in CriterionKind.values else None
        if kind is not None and kind.asked and not self.met_text.strip():
            errors["met_text"] = "Écrivez la phrase « pourquoi » quand elle remplit cette condition."
        if kind is not None and not kind.asked:
            if self.met_text.strip():
                errors["met_text"] = (
                    "Cette condition n'est pas demandée au questionnaire : le site ne peut pas savoir qu'elle est "
                    "remplie. Mettez tout dans « à vérifier »."
                )
            if self.not_met_text.strip():
                errors["not_met_text"] = (
                    "Cette condition n'est pas demandée au questionnaire : elle reste « à vérifier », jamais "
                    "« pas remplie »."
                )
        if not self.check_text.strip():
            errors["check_text"] = "Dites ce qu'il faut vérifier et comment."
        if errors:
            raise ValidationError(errors)


class Contradiction(str):
    """An error message that knows which criteria it is about (to show it next to them)."""

    kinds: tuple[str, ...] = ()

    @classmethod
    def about(cls, message: str, *kinds: str) -> "Contradiction":
        error = cls(message)
        error.kinds = kinds
        return error


def criteria_contradictions(kinds, statuses) -> list[Contradiction]:
    """Criteria that cannot hold together, or not for the statuts an aid targets (none: everyone). Checked by the
    admin form and the content loader."""
    kinds, statuses = list(kinds), set(statuses)
    errors = []
    if CriterionKind.PAID_MANDATE in kinds and ProfessionalStatus.PRESIDENT_SAS not in statuses:
        errors.append(
            Contradiction.about(
                "La condition « mandat rémunéré » ne concerne que les présidentes de SAS : réservez l'aide à ce "
                "statut (section « Qui est concernée ») ou retirez la condition.",
                CriterionKind.PAID_MANDATE,
            )
        )
    if CriterionKind.TWELVE_MONTHS in kinds and statuses == {ProfessionalStatus.PRESIDENT_SAS}:
        errors.append(
            Contradiction.about(
                "Le questionnaire ne demande pas les 12 mois d'affiliation à une présidente de SAS : utilisez "
                "« mandat rémunéré » ou une autre condition.",
                CriterionKind.TWELVE_MONTHS,
            )
        )
    duplicates = {kind for kind in kinds if kind != CriterionKind.OTHER and kinds.count(kind) > 1}
    for kind in duplicates:
        errors.append(Contradiction.about("Cette condition est indiquée deux fois : gardez-en une seule.", kind))
    return errors


class InspiringContent(Resource):
    """Contenu inspirant: a video, podcast, article, book or testimony, with its text alternative."""

    kind = ResourceKind.CONTENT
    format = models.CharField("format", max_length=12, choices=ContentFormat.choices)
    author = models.CharField("autrice ou auteur", max_length=200, blank=True)
    publisher = models.CharField("publié par", max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)", null=True, blank=True)
    pages = models.PositiveSmallIntegerField("nombre de pages", null=True, blank=True)
    link = models.URLField("lien", max_length=500, blank=True)
    transcript = models.TextField(
        "transcription ou résumé écrit",
        blank=True,
        help_text="Obligatoire pour une vidéo ou un podcast : pour les personnes qui ne peuvent pas l'écouter.",
    )

    class Meta(Resource.Meta):
        verbose_name = "contenu inspirant"
        verbose_name_plural = "contenus inspirants"
        indexes = [models.Index(fields=["status", "title"], name="content_public_list")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(format__in=ContentFormat.needing_transcript()) | ~Q(transcript=""),
                name="content_audio_video_has_transcript",
                violation_error_message="Une vidéo ou un podcast doit avoir une transcription ou un résumé écrit.",
            ),
        ]

    def search_document(self) -> str:
        return " ".join([super().search_document(), self.author, self.publisher, self.transcript])

    @property
    def needs_transcript(self) -> bool:
        """Audio and video: its text is a transcript or a written summary, for those who cannot listen."""
        return self.format in ContentFormat.needing_transcript()
