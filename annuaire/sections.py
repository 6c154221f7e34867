"""What other apps add to a structure's page — the agenda its next dates — without the directory knowing them (it
sits below them: issue 20's layers). An app registers, in its AppConfig.ready(), a function that takes the structure
and returns the HTML of its section, or "" when it has nothing to show."""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_sections: list[Callable] = []


def register(section: Callable) -> None:
    if section not in _sections:
        _sections.append(section)


def for_structure(structure) -> list[SafeString]:
    return [mark_safe(html) for section in _sections if (html := section(structure))]
