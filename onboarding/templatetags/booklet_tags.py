"""The booklet's lines, written as sentences: one full stop at the end of each, never ". ." nor a year twice."""

from django import template

register = template.Library()


def _clause(text) -> str:
    """A piece of a sentence: no full stop or space at its end (the line puts its own)."""
    return str(text or "").strip().rstrip(" .;,")


@register.filter
def amount_with_year(aid) -> str:
    """ "3 000 € (2025)": the year once, even when the amount's own words already give it."""
    amount = _clause(aid.amount)
    if not amount:
        return ""
    year = str(aid.amount_year or "")
    return f"{amount} ({year})" if year and year not in amount else amount


@register.filter
def how_to_reach(aid) -> str:
    """ "CPAM, tél. 36 46": whom to ask, without a dangling comma when one of them is missing."""
    parts = [_clause(aid.apply_organisation)]
    if aid.apply_phone:
        parts.append(f"tél. {aid.apply_phone.strip()}")
    return ", ".join(part for part in parts if part)


@register.filter
def postal_address(structure) -> str:
    """ "7 rue Francis-Davso, 13001 Marseille", with what is known of it and no dangling comma."""
    town = " ".join(part for part in (structure.postal_code.strip(), _clause(structure.city)) if part)
    return ", ".join(part for part in (_clause(structure.address), town) if part)


@register.filter
def clause(text) -> str:
    return _clause(text)
