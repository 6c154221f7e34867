"""Text search shared by every listing and by the site-wide search (/recherche/), on SQLite and on PostgreSQL.

Each searchable model keeps a normalised copy of its text (`search_text`: lowercase, no accents, no HTML), refreshed on
save; a query is normalised the same way, so accents and case never matter ("prevoyance" finds "Prévoyance"). Every
word of the query must be found, each in one of several forms:

- as she typed it, anywhere in a word ("indemnit" finds "indemnités"); a word of two or three letters ("IJ", "RSI")
  only at the start of a word, so that "rsi" does not find "université";
- if no indexed word contains it, as its closest words of the *vocabulary* (every word of four letters or more of the
  published entries): one wrong letter forgiven in a word of four to seven letters, two in a longer one, and a doubled
  letter never counts ("URSAFF" finds "URSSAF", "idemnites" finds "indemnités"); the page says
  "Vouliez-vous dire …". The first letter is taken as typed (mistakes there are rare; comparing only words that share it
  keeps the look-up to a few milliseconds);
- as any of its synonyms, which the coordinator keeps in the admin (guichet.models.Synonym): "IJ" also finds
  "indemnités journalières", "mi-temps thérapeutique" also finds "temps partiel thérapeutique";
- on PostgreSQL, a word that is neither in the vocabulary nor close to one of its words is also looked for by trigram
  word similarity (pg_trgm, with a trigram index on `search_text`), the last resort (the corrections above are cheaper
  and catch most mistakes).

The vocabulary and the synonyms are built once and kept in the shared cache (settings.CACHES) under the generation of
published content (guichet.sharedcache): any publication or change of a synonym draws a new one. Each process also
keeps the last one it read, so a search reads one key of the cache and runs no extra SQL query.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Least, NullIf, StrIndex
from django.utils.html import strip_tags

from guichet import sharedcache

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
WORD = re.compile(r"\w+")
# A word this short matches at the start of a word only ("ij", "ald", "rsi"); a close spelling is looked for in words
# of CORRECTABLE letters or more.
SHORT_WORD = 3
CORRECTABLE = 4
MAX_CORRECTIONS = 3
INDEX_KEY = "search:vocabulary"
INDEX_TIMEOUT = 6 * 60 * 60


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", strip_tags(text or ""))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", without_accents.replace("\x00", " ")).strip().lower()


def query_words(query: str) -> list[str]:
    """The words of a visitor's query, normalised, punctuation left out; very short ones are ignored."""
    words = WORD.findall(normalize((query or "")[:MAX_QUERY_LENGTH]))
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


# --- The vocabulary and the synonyms ---------------------------------------------------------------------------------


def searchable_models() -> list[type[SearchableModel]]:
    return [model for model in apps.get_models() if issubclass(model, SearchableModel)]


def _title_field(model) -> str:
    names = {f.name for f in model._meta.fields}
    return "title" if "title" in names else "name"


def _display(word: str) -> str:
    """How a word of a title is shown in "Vouliez-vous dire …": acronyms as written, other words in lowercase."""
    return word if word.isupper() and len(word) > 1 else word.lower()


def build_vocabulary() -> dict:
    """What corrections and synonyms need, in two queries whatever the number of entries: the words of the published
    entries with their frequency, how the words of titles are written (accents), and the synonyms."""
    from guichet.models import Synonym

    querysets = [
        model.objects.published().order_by().values_list("search_text", _title_field(model))
        for model in searchable_models()
    ]
    frequency, display = Counter(), {}
    if querysets:
        for text, title in querysets[0].union(*querysets[1:], all=True):
            frequency.update(word for word in WORD.findall(text) if len(word) >= CORRECTABLE and not word.isdigit())
            for written in WORD.findall(title or ""):
                word, shown = normalize(written), _display(written)
                if len(word) >= CORRECTABLE and shown != word:
                    display.setdefault(word, shown)
    synonyms = [synonym.expressions() for synonym in Synonym.objects.all()]
    return {"words": dict(frequency), "display": display, "synonyms": [group for group in synonyms if len(group) > 1]}


def _squash(word: str) -> str:
    """A doubled letter never counts as a mistake: "urssaf" and "ursaff" both read "ursaf"."""
    return re.sub(r"(.)\1+", r"\1", word)


def _distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two neighbours is one mistake), or limit + 1 once it exceeds it."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = a != b
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The words of the published entries and the synonyms, with what a look-up needs (built once per process)."""

    def __init__(self, words: dict[str, int], display: dict[str, str], synonyms: list[list[str]]):
        self.words, self.display = words, display
        self._text = "\n".join(words)
        self._by_initial: dict[str, list[tuple[str, str]]] = {}
        for word in words:
            self._by_initial.setdefault(word[0], []).append((_squash(word), word))
        # Each expression of a group as words, the longest first so that "arrêt de travail" wins over "arrêt".
        self.groups = [[(tuple(query_words(expression)), expression) for expression in group] for group in synonyms]
        self._phrases = sorted(
            ((words, index) for index, group in enumerate(self.groups) for words, _ in group if words),
            key=lambda item: -len(item[0]),
        )

    def shown(self, word: str) -> str:
        return self.display.get(word, word)

    def knows(self, word: str) -> bool:
        """Some indexed word contains it (what the search itself will find)."""
        return word in self._text

    def corrections(self, word: str) -> list[str]:
        """The closest words of the vocabulary (one mistake in 4–7 letters, two beyond), most frequent first."""
        if len(word) < CORRECTABLE or word.isdigit() or self.knows(word):
            return []
        limit = 1 if len(word) <= 7 else 2
        squashed = _squash(word)
        found = []
        for other_squashed, other in self._by_initial.get(word[0], ()):
            if abs(len(other_squashed) - len(squashed)) <= limit:
                distance = _distance(squashed, other_squashed, limit)
                if distance <= limit:
                    found.append((distance, _distance(word, other, limit + 2), -self.words[other], other))
        found.sort()
        best = [other for distance, _, _, other in found if distance == found[0][0]][: MAX_CORRECTIONS * 2]
        # "indemnite" already finds "indemnites": keep the shorter one.
        kept = [other for other in best if not any(shorter != other and shorter in other for shorter in best)]
        return kept[:MAX_CORRECTIONS]

    def synonyms_at(self, words: list[str], start: int):
        """The synonym group whose expression starts at words[start], the longest one: (length, group) or None."""
        for phrase, index in self._phrases:
            if tuple(words[start : start + len(phrase)]) == phrase:
                return len(phrase), index
        return None


_loaded: tuple[str, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """The vocabulary of the current generation of content: this process's copy, else the shared cache's, else built
    (two queries) and shared."""
    global _loaded
    key = f"{INDEX_KEY}:{sharedcache.generation()}"
    loaded = _loaded
    if loaded is not None and loaded[0] == key:
        return loaded[1]
    data = cache.get(key)
    if data is None:
        data = build_vocabulary()
        cache.set(key, data, INDEX_TIMEOUT)
    result = Vocabulary(**data)
    _loaded = (key, result)
    return result


SYNONYMS_FILE = "synonyms.yaml"


def load_synonyms(model=None, *, replace: bool = False) -> int:
    """The synonyms of content/synonyms.yaml: the ones missing are added (the data migration: a new installation
    starts with them, what the coordinator changed stays); with `replace`, the file wins (the demo). How many were
    written."""
    from guichet.content import ContentError, read_entries

    model = model or apps.get_model("guichet", "Synonym")
    entries = read_entries(SYNONYMS_FILE, required=("slug", "term", "equivalents"), source_required=lambda entry: False)
    written = 0
    for entry in entries:
        equivalents = entry["equivalents"]
        if not isinstance(equivalents, list) or not all(isinstance(item, str) and item.strip() for item in equivalents):
            raise ContentError(SYNONYMS_FILE, entry["slug"], "equivalents", "une liste de mots ou d'expressions")
        values = {"equivalents": "\n".join(item.strip() for item in equivalents)}
        existing = model.objects.filter(term=entry["term"]).first()
        if existing is None:
            model.objects.create(term=entry["term"], **values)
            written += 1
        elif replace and existing.equivalents != values["equivalents"]:
            existing.equivalents = values["equivalents"]
            existing.save()
            written += 1
    return written


# --- A query, understood ---------------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One word of the query (or one expression, for synonyms) and the forms that count as finding it."""

    typed: tuple[str, ...]
    forms: list[tuple[str, ...]]  # what she typed first, then close spellings or synonyms
    close: bool = False  # the forms after the first one are close spellings
    synonyms: list[str] = field(default_factory=list)  # the other expressions of its group, as the coordinator wrote
    expression: str = ""  # the expression of the group she used, as the coordinator wrote it
    # No indexed word contains it and none is close enough: on PostgreSQL, trigram similarity is the last resort.
    unknown: bool = False


@dataclass
class Understood:
    query: str
    slots: list[Slot]
    corrections: dict[str, list[str]]  # a typed word -> the words of the vocabulary meant instead
    suggestion: str = ""  # the query with its words corrected ("Vouliez-vous dire …"), if any was

    def key(self) -> tuple:
        """What the entries found depend on (not how she wrote it): the same for "Prévoyance" and "prevoyance"."""
        return tuple((tuple(slot.forms), slot.unknown) for slot in self.slots)

    @property
    def synonyms(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.synonyms]

    @property
    def corrected(self) -> list[tuple[str, str]]:
        return [(word, ", ".join(words)) for word, words in self.corrections.items()]


def understand(query: str) -> Understood:
    """Her query as words, each with its close spellings and synonyms."""
    words = query_words(query)
    if not words:
        return Understood(query, [], {})
    known = vocabulary()
    corrections = {word: found for word in words if (found := known.corrections(word))}
    meant = [corrections[word][0] if word in corrections else word for word in words]
    slots, start = [], 0
    while start < len(words):
        match = known.synonyms_at(meant, start)
        if match:
            length, index = match
            group = known.groups[index]
            typed = tuple(meant[start : start + length])
            used = next(expression for phrase, expression in group if phrase == typed)
            forms = [typed] + [phrase for phrase, _ in group if phrase and phrase != typed]
            others = [expression for phrase, expression in group if phrase != typed]
            slots.append(Slot(tuple(words[start : start + length]), forms, synonyms=others, expression=used))
            start += length
        else:
            word = words[start]
            forms = [(word,), *((other,) for other in corrections.get(word, []))]
            unknown = len(word) >= CORRECTABLE and word not in corrections and not known.knows(word)
            slots.append(Slot((word,), forms, close=word in corrections, unknown=unknown))
            start += 1
    suggestion = ""
    if corrections:  # her words as she wrote them, the corrected ones as the titles write them
        written = [token for token in WORD.findall((query or "")[:MAX_QUERY_LENGTH]) if len(normalize(token)) >= 2]
        if len(written) < len(words) or [normalize(token) for token in written[: len(words)]] != words:
            written = words
        suggestion = " ".join(
            known.shown(corrections[word][0]) if word in corrections else token
            for word, token in zip(words, written, strict=False)
        )
    return Understood(
        query, slots, {word: [known.shown(other) for other in found] for word, found in corrections.items()}, suggestion
    )


# --- Filtering and ranking -------------------------------------------------------------------------------------------

# What may come before a short word that starts a word ("l'ij", "l’ald", "(ald)", "rsi/ssi", "«ij»"), besides a
# space.
WORD_STARTS = (" ", "(", "'", "’", "-", "/", '"', "«")
RANKED_WORD_STARTS = (" ", "(")

# Where a word is found counts for the ranking (every search document starts with the title); a word matched only by a
# trigram similarity counts as found this far.
NOT_FOUND = 100_000
# An expression of several words found with its words apart (her own words) counts as found this much further.
APART = 1_000


def typo_tolerant() -> bool:
    """PostgreSQL adds trigram similarity, for words the vocabulary cannot correct, to what both databases do."""
    return connection.vendor == "postgresql"


def _starts_a_word() -> str:
    # PostgreSQL's regular expressions write the start of a word \m; Python's (SQLite's REGEXP) \b.
    return r"\m" if connection.vendor == "postgresql" else r"\b"


def _word(word: str, *, similar: bool) -> Q:
    if len(word) <= SHORT_WORD:
        # At the start of a word. PostgreSQL's trigram index serves a regular expression for a word of three letters,
        # not of two (no trigram in it): those are LIKEs after what may start a word, which it serves, as does
        # SQLite without calling Python for each row.
        if connection.vendor == "postgresql" and len(word) == SHORT_WORD:
            return Q(search_text__regex=_starts_a_word() + word)
        matches = Q(search_text__startswith=word)
        for start in WORD_STARTS:
            matches |= Q(search_text__contains=start + word)
        return matches
    matches = Q(search_text__contains=word)
    if similar and typo_tolerant():
        matches |= Q(search_text__trigram_word_similar=word)
    return matches


def _expression(words: tuple[str, ...]) -> Q:
    """A synonym of several words: its words side by side, each maybe longer ("indemnite journaliere" finds
    "indemnités journalières", "mi temps therapeutique" finds "mi-temps thérapeutique")."""
    longest = max(words, key=len)
    return Q(search_text__contains=longest) & Q(search_text__regex=_starts_a_word() + r"\w*\W+".join(words))


def _slot(slot: Slot) -> Q:
    typed, *others = slot.forms
    matches = Q()
    for word in typed:  # her words, wherever they are
        matches &= _word(word, similar=slot.unknown)
    for form in others:
        matches |= _word(form[0], similar=False) if len(form) == 1 else _expression(form)
    return matches


def _as_understood(query) -> Understood:
    return query if isinstance(query, Understood) else understand(query)


def search(queryset, query):
    """Entries where every word of the query (a string, or what `understand()` made of it) is found, in one of its
    forms (see the module's docstring)."""
    for slot in _as_understood(query).slots:
        queryset = queryset.filter(_slot(slot))
    return queryset


def _found_at(text: str):
    return NullIf(StrIndex("search_text", Value(text)), Value(0))


def _least(positions):
    # LEAST ignores NULL on PostgreSQL, SQLite's MIN() does not: each NULL becomes NOT_FOUND first.
    positions = [Coalesce(position, Value(NOT_FOUND)) for position in positions]
    return positions[0] if len(positions) == 1 else Least(*positions, output_field=IntegerField())


def _word_position(word: str):
    if len(word) > SHORT_WORD:
        return _found_at(word)
    # A short word counts where it starts a word: "ssi" is not found in "professionnelle". After a space or a bracket
    # (ALD, (ALD)), the two ways it is written almost always; after another sign ("l’IJ") the entry is found all the
    # same, it only ranks as if the word came late (a position for each sign would cost more to compile than to run).
    at_start = Case(When(search_text__startswith=word, then=Value(1)), default=Value(None), output_field=IntegerField())
    return _least([at_start, *(_found_at(start + word) + Value(1) for start in RANKED_WORD_STARTS)])


def _position(slot: Slot):
    """How far into the text the slot is first found, in whichever of its forms comes first (one expression per form,
    so that a long list of synonyms stays cheap to compile and to run)."""
    positions = []
    for form in slot.forms:
        if len(form) == 1:
            positions.append(_word_position(form[0]))
        else:
            positions.append(Coalesce(_found_at(" ".join(form)), _word_position(form[0]) + Value(APART)))
    return _least(positions)


def ranked(queryset, query):
    """`search()`, best first (`search_rank`, lower is better): words found early in the text — every search document
    starts with the title — before words found further down."""
    understood = _as_understood(query)
    score = Value(0, output_field=IntegerField())
    for slot in understood.slots:
        score = score + _position(slot)
    return search(queryset, understood).annotate(search_rank=score)
