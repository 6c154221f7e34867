from django.db import models


class ResourceKind(models.TextChoices):
    SHEET = "fiches", "Fiches d'information"
    AID = "aides", "Aides et dispositifs"
    CONTENT = "contenus", "Contenus inspirants"


class ContentFormat(models.TextChoices):
    VIDEO = "video", "Vidéo"
    PODCAST = "podcast", "Podcast"
    ARTICLE = "article", "Article"
    BOOK = "livre", "Livre"
    TESTIMONY = "temoignage", "Témoignage"

    @classmethod
    def needing_transcript(cls):
        """Audio and video: a transcript or a text summary is required (accessibility)."""
        return [cls.VIDEO, cls.PODCAST]
