"""Words that mean the same thing to the site's search: the coordinator keeps them in the admin.

A row is a group of equivalent expressions, its term first ("IJ") and its equivalents one per line ("indemnités
journalières"): a search with any one of them also finds the entries that use another. The set a new installation
starts with comes from content/synonyms.yaml (a data migration and the demo loader read it).
"""

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from guichet.sharedcache import content_changed


class Synonym(models.Model):
    term = models.CharField(
        "mot ou expression",
        max_length=100,
        unique=True,
        help_text="Ce que les personnes écrivent, par exemple « IJ » ou « mi-temps thérapeutique ».",
    )
    equivalents = models.TextField(
        "équivalents",
        help_text="Un par ligne : les mots qui veulent dire la même chose, par exemple « indemnités journalières ». "
        "La recherche trouve les uns avec les autres, dans les deux sens.",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "synonyme de la recherche"
        verbose_name_plural = "synonymes de la recherche"
        ordering = ["term"]

    def __str__(self):
        return self.term

    def expressions(self) -> list[str]:
        """The term, then each equivalent, as written (blank lines and repeats left out)."""
        seen, result = set(), []
        for expression in [self.term, *self.equivalents.splitlines()]:
            expression = expression.strip().strip(",;").strip()
            if expression and expression.casefold() not in seen:
                seen.add(expression.casefold())
                result.append(expression)
        return result


@receiver(post_save, sender=Synonym, dispatch_uid="guichet.synonyms.saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="guichet.synonyms.deleted")
def _synonyms_changed(sender, using, **kwargs):
    # The search reads synonyms with its vocabulary, cached under the generation of published content.
    content_changed(using)
