"""Fiches d'information, aides et dispositifs, contenus inspirants.

Who a resource concerns is stored as facts the site can check: statuses, phases, territories. An empty list means
"everyone" (all statuses, all phases, the whole of France); the questionnaire will match on the same rules.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_prose_editor.fields import ProseEditorField

from guichet.enums import Phase, ProfessionalStatus
from guichet.models import EditorialModel, PhaseTag, SluggedModel, StatusTag, Territory, Theme
from guichet.richtext import RICH_TEXT_EXTENSIONS
from guichet.search import SearchableModel
from guichet.targeting import TargetingQuerySet
from ressources.enums import ContentFormat, ResourceKind


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
    to_verify = models.BooleanField(
        "à vérifier",
        default=False,
        help_text="Une information n'est pas sûre : la fiche l'affiche clairement.",
    )
    to_verify_note = models.CharField("ce qui est à vérifier", max_length=400, blank=True)
    # Conditions the questionnaire asks about (onboarding/matching.py): set when the aid requires them.
    requires_twelve_months = models.BooleanField(
        "exige 12 mois d'affiliation",
        default=False,
        help_text="Le questionnaire demande depuis quand elle est affiliée ; « non » écarte cette aide.",
    )
    requires_paid_mandate = models.BooleanField(
        "exige un mandat rémunéré (présidente de SAS)",
        default=False,
        help_text="Le questionnaire demande à une présidente de SAS si elle est rémunérée ; « non » écarte cette aide.",
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
