"""Accent- and case-insensitive text search that behaves the same on SQLite and PostgreSQL.

Each searchable model keeps a normalised copy of its text (`search_text`: lowercase, no accents, no HTML), refreshed on
save; a query is normalised the same way and every word must appear. "prevoyance" finds "Prévoyance".
"""

import re
import unicodedata

from django.db import models
from django.utils.html import strip_tags

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", strip_tags(text or ""))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", without_accents.replace("\x00", " ")).strip().lower()


def query_words(query: str) -> list[str]:
    """The words of a visitor's query, normalised; very short ones are ignored."""
    words = normalize((query or "")[:MAX_QUERY_LENGTH]).split()
    return [word for word in words if len(word) >= 2][:MAX_WORDS]


class SearchableModel(models.Model):
    """Abstract: a model whose `search_document()` text is kept normalised in `search_text`."""

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = normalize(self.search_document())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def search_document(self) -> str:
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        """After related rows changed (say, a sheet's questions), bring the search text up to date."""
        self.search_text = normalize(self.search_document())
        type(self).objects.filter(pk=self.pk).update(search_text=self.search_text)


def search(queryset, query: str):
    """Entries whose text contains every word of the query, whatever the accents and the case."""
    for word in query_words(query):
        queryset = queryset.filter(search_text__contains=word)
    return queryset
