"""News items ("actualités") shown on the home page: the first, small editorial model."""

from django.db import models
from django.urls import reverse

from guichet.models.editorial import EditorialModel, EditorialQuerySet


class AnnouncementQuerySet(EditorialQuerySet):
    def for_list(self):
        """What the public lists show: published news, newest first, without their body."""
        return self.published().defer("body").order_by("-published_on", "-pk")


class Announcement(EditorialModel):
    title = models.CharField("titre", max_length=160)
    slug = models.SlugField("adresse", max_length=160, unique=True)
    summary = models.CharField("résumé", max_length=300)
    body = models.TextField("texte", blank=True, help_text="Texte simple ; une ligne vide sépare deux paragraphes.")
    published_on = models.DateField("date affichée", help_text="La date de l'information, montrée aux visiteuses.")
    is_demo = models.BooleanField(
        "démonstration", default=False, help_text="Contenu fictif des données de démonstration."
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = "actualité"
        ordering = ["-published_on", "-pk"]
        # The public lists: published ones, newest first.
        indexes = [models.Index(fields=["status", "-published_on", "-id"], name="announcement_public_list")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guichet:announcement", kwargs={"slug": self.slug})
