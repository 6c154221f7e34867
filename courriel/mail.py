"""The one way the site sends an e-mail: `send(name, to=…, context=…)`.

A name is `<app>/<e-mail>`, the template `<app>/emails/<e-mail>.txt`, which extends `courriel/emails/base.txt`
(directly or through a part of its app whose name starts with "_"). The base holds what every e-mail shares: plain
text, no escaping, "Bonjour," (`{% block greeting %}`), the signature, written nowhere else, and the `{% block footer
%}` under it. Each e-mail writes its `{% block subject %}` (on one line: spaces and line breaks collapse, so a title
with a line break cannot break the header) and its `{% block body %}`. Plain text only, as ever on this site.

The message goes where settings.EMAIL_BACKEND writes it: the outgoing queue (django-mailer, courriel.queue), in the
caller's transaction, so that it exists if and only if the change it tells of does, and a mail server that is down
delays it and fails nothing. `on_commit=True` renders it now and queues it once the transaction commits.

A name with no template is an `UnknownEmail` at once, never an empty message; `manage.py check` (courriel.checks)
refuses an e-mail template that does not extend the base or has no subject.
"""

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

BASE = "courriel/emails/base.txt"
# The base renders the subject alone when this context variable says so, the rest otherwise.
PART = "courriel_part"


class UnknownEmail(LookupError):
    """No e-mail template has this name."""


def template_name(name: str) -> str:
    app, _, short = name.partition("/")
    return f"{app}/emails/{short}.txt"


@cache
def names() -> frozenset[str]:
    """Every named e-mail of the project's apps: the templates `<app>/templates/<app>/emails/*.txt`, except the parts
    (`_*.txt`) and the base."""
    found = set()
    for config in apps.get_app_configs():
        for path in Path(config.path).glob("templates/*/emails/*.txt"):
            name = f"{path.parent.parent.name}/{path.stem}"
            if not path.name.startswith("_") and template_name(name) != BASE:
                found.add(name)
    return frozenset(found)


def render(name: str, context: dict) -> tuple[str, str]:
    """The subject and the body of the e-mail `name`."""
    if name not in names():
        raise UnknownEmail(f"Aucun e-mail ne s'appelle « {name} » (gabarit {template_name(name)} introuvable).")
    template = get_template(template_name(name))
    subject = " ".join(template.render({**context, PART: "subject"}).split())
    if not subject:
        raise ValueError(f"L'e-mail « {name} » a un objet vide.")
    return subject, template.render({**context, PART: "body"})


def send(
    name: str,
    *,
    to: str | Iterable[str],
    context: dict | None = None,
    headers: dict[str, str] | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    on_commit: bool = False,
) -> list[str]:
    """Queue the e-mail `name` to `to` (one address or several; empty ones are left out; none, nothing is sent),
    from settings.DEFAULT_FROM_EMAIL. `attachments`: (file name, content, MIME type). Returns the addresses."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if address]
    if not recipients:
        return []
    subject, body = render(name, context or {})
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients, headers=headers
    )
    for attachment in attachments:
        message.attach(*attachment)
    if on_commit:
        transaction.on_commit(message.send)
    else:
        message.send()
    return recipients


# What `manage.py check` verifies of every named e-mail (courriel.checks).


def parents(name: str) -> list[str]:
    """The templates the e-mail `name` extends, nearest first."""
    chain = []
    template = get_template(template_name(name)).template
    while extends := template.nodelist.get_nodes_by_type(ExtendsNode):
        parent = extends[0].parent_name.var
        if not isinstance(parent, str) or parent in chain:  # a variable: not ours to follow
            break
        chain.append(parent)
        template = get_template(parent).template
    return chain


def problems(name: str) -> list[str]:
    """What is wrong with the template of the e-mail `name`, in French (nothing: an empty list)."""
    try:
        chain = parents(name)
    except TemplateDoesNotExist as error:
        return [f"{template_name(name)} : gabarit introuvable ({error})."]
    found = []
    if BASE not in chain:
        found.append(f"{template_name(name)} n'étend pas {BASE} (la signature et le pied communs).")
    blocks = {node.name for node in get_template(template_name(name)).template.nodelist.get_nodes_by_type(BlockNode)}
    for parent in chain:
        if parent != BASE:
            blocks |= {node.name for node in get_template(parent).template.nodelist.get_nodes_by_type(BlockNode)}
    for block in ("subject", "body"):
        if block not in blocks:
            found.append(f"{template_name(name)} n'a pas de bloc {{% block {block} %}}.")
    return found
