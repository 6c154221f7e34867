from django.core.paginator import Page, Paginator


def paginate(request, queryset, *, per_page: int = 20) -> Page:
    """The requested page of a list; a nonsense or out-of-range `?page=` gives the first or last page, not an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
