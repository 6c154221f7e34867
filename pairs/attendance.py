"""The facilitator's attendance sheet: confirmed participants × sessions, to print or to export as CSV."""

import csv
import io

from django.utils import timezone

from pairs.enums import RegistrationStatus

# A cell starting with one of these is a formula for spreadsheet software: written as text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def participants(group):
    return list(group.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("first_name", "pk"))


def _cell(value: str) -> str:
    value = str(value or "")
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def as_csv(group) -> str:
    sessions = list(group.sessions.all())
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["Prénom ou pseudonyme", "E-mail", "Téléphone"]
        + [timezone.localtime(s.starts_at).strftime("%d/%m/%Y %H:%M") for s in sessions]
    )
    for registration in participants(group):
        writer.writerow(
            [_cell(registration.first_name), _cell(registration.email), _cell(registration.phone)]
            + [""] * len(sessions)
        )
    return out.getvalue()
