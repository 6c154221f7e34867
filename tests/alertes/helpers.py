import re

from django.core import mail

from alertes.models import Alert


def link_in(message, start: str) -> str:
    """The first address in the e-mail's body that starts with `start` (path on the site, e.g. /alertes/confirmer/)."""
    match = re.search(rf"https?://[^\s]+?{re.escape(start)}[^\s]+", message.body)
    assert match, message.body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def follow_and_confirm(client, entry, *, email="elle@exemple.fr", rhythm="immediat") -> Alert:
    """What she does: the form on the page, then the link in the e-mail and its button."""
    label = entry._meta.label_lower
    response = client.post(f"/alertes/suivre/{label}/{entry.pk}/", {"email": email, "rhythm": rhythm})
    assert response.status_code == 302
    confirm = path_of(link_in(mail.outbox[-1], "/alertes/confirmer/"))
    assert client.post(confirm).status_code == 200
    return Alert.objects.get(email=email, object_id=entry.pk)
