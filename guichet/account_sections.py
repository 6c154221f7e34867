"""What other apps add to her account page (/compte/) — her saved answers, her alerts — without the kernel knowing
them (issue 20's layers). An app registers, in its AppConfig.ready(), a function that takes the signed-in user and
returns the HTML of its section ("" when it has nothing to show)."""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_sections: list[Callable] = []


def register(section: Callable) -> None:
    if section not in _sections:
        _sections.append(section)


def for_user(user) -> list[SafeString]:
    return [mark_safe(html) for section in _sections if (html := section(user))]
