from django.db import models


class ReminderSent(models.Model):
    """One reminder e-mail of one kind to one address on one day: cron may run twice, nobody gets it twice."""

    kind = models.CharField("rappel", max_length=40)
    recipient = models.EmailField("destinataire")
    day = models.DateField("jour")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [models.UniqueConstraint(fields=["kind", "recipient", "day"], name="reminder_once_a_day")]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.day})"
