from django.shortcuts import render

from annuaire import opening_hours
from annuaire.filters import StructureFilterSet
from annuaire.models import Structure
from guichet.models import Territory
from guichet.pagination import paginate, query_without_page
from guichet.shortcuts import get_visible_by_slug


def listing(request):
    filterset = StructureFilterSet(request.GET or None, queryset=Structure.objects.for_list())
    page = paginate(request, filterset.qs)
    code = filterset.departement_code
    departement = Territory.objects.departements().filter(code=code).first() if code else None
    return render(
        request,
        "annuaire/listing.html",
        {
            "filterset": filterset,
            "page": page,
            "query_prefix": query_without_page(request),
            "departement": departement,
        },
    )


def detail(request, slug):
    queryset = Structure.objects.select_related("owner").prefetch_related(
        "territories", "services__themes", "services__phases"
    )
    entry, redirect = get_visible_by_slug(queryset, request.user, slug)
    if redirect:
        return redirect
    context = {
        "entry": entry,
        "week": opening_hours.week(entry.opening_hours),
        "open_now": opening_hours.is_open(entry.opening_hours),
    }
    response = render(request, "annuaire/detail.html", context)
    if not entry.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
