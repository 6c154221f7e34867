"""Durations and the covered area, as pages and e-mails say them, read from what decides them: the settings (a
duration named `…_DAYS` or `…_HOURS`) and the covered départements (`Territory.is_covered`). A page never says
"6 mois" while the setting says 90 days, nor "en Provence-Alpes-Côte d'Azur" once the service opens elsewhere.

In templates: `{% duration "GUICHET_REVIEW_AFTER_DAYS" %}`, `{{ days|days }}`, `{% covered_area %}`."""

from django.conf import settings

from guichet.sharedcache import memo

DAYS_PER_MONTH = 365.25 / 12


def days(count: int) -> str:
    """182 → "6 mois", 61 → "2 mois", 365 → "12 mois", 7 → "7 jours": months when the count is close to a whole
    number of them (two or more), days otherwise."""
    months = round(count / DAYS_PER_MONTH)
    if months >= 2 and abs(count - months * DAYS_PER_MONTH) <= 3:
        return f"{months} mois"
    return f"{count} jour{'s' if count > 1 else ''}"


def hours(count: int) -> str:
    """48 → "48 heures", 1 → "1 heure"."""
    return f"{count} heure{'s' if count > 1 else ''}"


def duration(setting: str) -> str:
    """A setting's duration in words, by the unit its name ends with."""
    value = getattr(settings, setting)
    if setting.endswith("_HOURS"):
        return hours(value)
    if setting.endswith("_DAYS"):
        return days(value)
    raise ValueError(f"{setting} n'est pas une durée (…_DAYS ou …_HOURS).")


def covered_area() -> str:
    """Where the service is deployed, for a sentence: "la région Provence-Alpes-Côte d'Azur", "les régions A et B"
    (the régions holding a covered département), "" when none is covered."""

    def build():
        from guichet.models import Territory

        names = list(
            Territory.objects.covered()
            .exclude(parent=None)
            .order_by("parent__name")
            .values_list("parent__name", flat=True)
            .distinct()
        )
        if not names:
            return ""
        if len(names) == 1:
            return f"la région {names[0]}"
        return f"les régions {', '.join(names[:-1])} et {names[-1]}"

    return memo("guichet.covered_area", build)
