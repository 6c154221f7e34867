from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from guichet.models.editorial import EditorialModel


def get_visible_or_404(queryset, user, **lookup) -> EditorialModel:
    """One public entry: published for everyone; a preview for those who may edit it; 404 otherwise."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Aucune fiche publiée à cette adresse.") from None


def get_visible_by_slug(queryset, user, slug: str):
    """An entry at its slug; at an old slug, a permanent redirect to its current address; otherwise 404.

    Returns (entry, None) or (None, redirect response).
    """
    try:
        return queryset.visible_to(user).get(slug=slug), None
    except queryset.model.DoesNotExist:
        pass
    from guichet.models import OldSlug

    pk = OldSlug.target(queryset.model, slug)
    if pk is not None:
        entry = queryset.visible_to(user).filter(pk=pk).first()
        if entry is not None:
            return None, HttpResponsePermanentRedirect(entry.get_absolute_url())
    raise Http404("Aucune fiche publiée à cette adresse.")


def admin_url(entry) -> str:
    """The full address of an entry's page in the back office, for the e-mails that point to it."""
    opts = entry._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    return settings.GUICHET_SITE_URL.rstrip("/") + path
