from django.db import models


class PageView(models.Model):
    """How many times a sheet or an aid was read on a day: no visitor, no address, only the page."""

    day = models.DateField("jour")
    kind = models.CharField("type", max_length=20)
    slug = models.SlugField("adresse", max_length=200)
    count = models.PositiveIntegerField("lectures", default=0)

    class Meta:
        verbose_name = "lectures d'une page"
        verbose_name_plural = "lectures des pages"
        constraints = [models.UniqueConstraint(fields=["day", "kind", "slug"], name="page_view_one_row_per_day")]

    def __str__(self):
        return f"{self.day} {self.kind}/{self.slug} : {self.count}"
