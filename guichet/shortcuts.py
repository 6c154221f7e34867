from django.http import Http404

from guichet.models.editorial import EditorialModel


def get_visible_or_404(queryset, user, **lookup) -> EditorialModel:
    """One public entry: published for everyone; a preview for those who may edit it; 404 otherwise."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Aucune fiche publiée à cette adresse.") from None
