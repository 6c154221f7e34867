"""What the questionnaire may write: anonymous counters, the event codes, and — only with her consent — her answers
saved in her account. Her answers otherwise live in her session (a signed cookie) and nowhere else."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import connection, models


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
