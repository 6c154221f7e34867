"""Readable addresses stay valid: when an entry's slug changes, the old one redirects to the new address."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class OldSlug(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField("ancienne adresse", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ancienne adresse"
        verbose_name_plural = "anciennes adresses"
        constraints = [models.UniqueConstraint(fields=["content_type", "slug"], name="old_slug_unique_per_model")]

    def __str__(self):
        return self.slug

    @classmethod
    def remember(cls, entry, previous_slug: str) -> None:
        """Record `previous_slug` for this entry (called when an entry's slug changes)."""
        content_type = ContentType.objects.get_for_model(entry)
        cls.objects.update_or_create(content_type=content_type, slug=previous_slug, defaults={"object_id": entry.pk})
        # The new slug must not keep redirecting elsewhere.
        cls.objects.filter(content_type=content_type, slug=entry.slug).delete()

    @classmethod
    def target(cls, model, slug: str):
        """The pk of the entry that once had this slug, or None."""
        content_type = ContentType.objects.get_for_model(model)
        return cls.objects.filter(content_type=content_type, slug=slug).values_list("object_id", flat=True).first()


class SluggedModel(models.Model):
    """Abstract: an entry reached at a readable slug that stays valid when the slug is edited."""

    slug = models.SlugField(
        "adresse",
        max_length=200,
        unique=True,
        help_text="Fixée à la création à partir du titre ; si vous la changez, l'ancienne adresse reste valable.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        if previous and previous != self.slug:
            OldSlug.remember(self, previous)
