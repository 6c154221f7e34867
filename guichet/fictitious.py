"""Fictitious demonstration entries (`is_demo`) say so wherever their name appears: lists, the parcours, the booklet,
e-mails, calendar feeds."""

SUFFIX = " (fictif)"


def label(name: str, is_demo: bool) -> str:
    """The name, with "(fictif)" added for a fictitious entry whose name does not already say it."""
    name = str(name)
    if is_demo and "ficti" not in name.lower():
        return f"{name}{SUFFIX}"
    return name
