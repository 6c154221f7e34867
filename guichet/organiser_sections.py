"""What other apps add to the page of an organiser (a structure of the directory, `GUICHET_ORGANISER_MODEL`) — the
agenda its next dates — without the directory and those apps knowing each other (issue 20: content apps stand side
by side). An app registers, in its AppConfig.ready(), a function that takes the organiser and returns the HTML of its
section, or "" when it has nothing to show; the directory's page shows them all."""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_sections: list[Callable] = []


def register(section: Callable) -> None:
    if section not in _sections:
        _sections.append(section)


def for_organiser(organiser) -> list[SafeString]:
    return [mark_safe(html) for section in _sections if (html := section(organiser))]
