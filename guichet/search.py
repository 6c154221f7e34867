"""Text search shared by every listing and by the site-wide search (/recherche/).

Each searchable model keeps a normalised copy of its text (`search_text`: lowercase, no accents, no HTML), refreshed on
save; a query is normalised the same way and every word must appear: "prevoyance" finds "Prévoyance". On PostgreSQL a
word also matches a close spelling (pg_trgm word similarity, with a trigram index on `search_text`): "prevoyence"
finds "prévoyance". SQLite has no such operator: there, words must be spelt right (accents and case still ignored).
"""

import re
import unicodedata

from django.db import connection, models
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.html import strip_tags

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", strip_tags(text or ""))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", without_accents.replace("\x00", " ")).strip().lower()


def query_words(query: str) -> list[str]:
    """The words of a visitor's query, normalised, punctuation left out; very short ones are ignored."""
    words = re.findall(r"\w+", normalize((query or "")[:MAX_QUERY_LENGTH]))
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


# Where a word is found counts for the ranking; a word matched only by a close spelling counts as found this far.
NOT_FOUND = 100_000


def typo_tolerant() -> bool:
    return connection.vendor == "postgresql"


def search(queryset, query: str):
    """Entries whose text contains every word of the query, whatever the accents and the case (and, on PostgreSQL,
    a small typo)."""
    for word in query_words(query):
        matches = Q(search_text__contains=word)
        if typo_tolerant() and len(word) >= 4:
            matches |= Q(search_text__trigram_word_similar=word)
        queryset = queryset.filter(matches)
    return queryset


def ranked(queryset, query: str):
    """`search()`, best first (`search_rank`, lower is better): words found early in the text — every search document
    starts with the title — before words found further down, exact words before close spellings."""
    score = Value(0, output_field=IntegerField())
    for word in query_words(query):
        position = StrIndex("search_text", Value(word))
        score = score + Case(When(GreaterThan(position, 0), then=position), default=Value(NOT_FOUND))
    return search(queryset, query).annotate(search_rank=score)
