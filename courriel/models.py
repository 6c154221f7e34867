from mailer.models import Message


class FailedMessage(Message):
    """The queued e-mails that failed at least once (courriel.queue.failed), as the coordinator sees them."""

    class Meta:
        proxy = True
        verbose_name = "e-mail non envoyé"
        verbose_name_plural = "e-mails non envoyés"

    def __str__(self):
        return f"E-mail n° {self.pk}"
