from django.core.paginator import Page, Paginator
from django.http import QueryDict


def paginate(request, queryset, *, per_page: int = 20) -> Page:
    """The requested page of a list; a nonsense or out-of-range `?page=` gives the first or last page, not an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current query string without `page`, ready to take one (for pagination links that keep the filters)."""
    query = request.GET.copy() if request.GET else QueryDict(mutable=True)
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""
