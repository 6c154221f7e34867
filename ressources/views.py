from django.http import Http404
from django.shortcuts import render

from guichet.pagination import paginate, query_without_page
from guichet.shortcuts import get_visible_by_slug
from ressources.enums import ResourceKind
from ressources.filters import ContentFilterSet, ResourceFilterSet
from ressources.models import Aid, InspiringContent, Sheet

MODELS = {ResourceKind.SHEET: Sheet, ResourceKind.AID: Aid, ResourceKind.CONTENT: InspiringContent}
FILTERSETS = {ResourceKind.SHEET: ResourceFilterSet, ResourceKind.AID: ResourceFilterSet}
INDEX_ITEMS = 4


def _kind_or_404(kind: str) -> ResourceKind:
    try:
        return ResourceKind(kind)
    except ValueError:
        raise Http404 from None


def index(request):
    """The three kinds of resources, grouped, under the same filters."""
    filterset = ResourceFilterSet(request.GET or None, queryset=Sheet.objects.none())
    filterset.is_valid()  # Validated once; its valid filters then apply to each kind.
    groups = []
    for kind, model in MODELS.items():
        results = model.objects.published().order_by("title", "pk")
        if filterset.is_bound:
            results = filterset.filter_queryset(results)
        groups.append({"kind": kind, "count": results.count(), "items": list(results[:INDEX_ITEMS])})
    return render(
        request,
        "ressources/index.html",
        {
            "filterset": filterset,
            "groups": groups,
            "total": sum(group["count"] for group in groups),
            "query": request.GET.urlencode(),
        },
    )


def listing(request, kind):
    kind = _kind_or_404(kind)
    filterset_class = FILTERSETS.get(kind, ContentFilterSet)
    filterset = filterset_class(request.GET or None, queryset=MODELS[kind].objects.for_list())
    page = paginate(request, filterset.qs)
    return render(
        request,
        "ressources/listing.html",
        {"kind": kind, "filterset": filterset, "page": page, "query_prefix": query_without_page(request)},
    )


def detail(request, kind, slug):
    kind = _kind_or_404(kind)
    model = MODELS[kind]
    queryset = model.objects.select_related("owner").prefetch_related("themes", "phases", "statuses", "territories")
    if kind == ResourceKind.SHEET:
        queryset = queryset.prefetch_related("questions")
    entry, redirect = get_visible_by_slug(queryset, request.user, slug)
    if redirect:
        return redirect
    related = model.objects.related_to(entry)[:4]
    response = render(
        request, f"ressources/{model._meta.model_name}_detail.html", {"entry": entry, "kind": kind, "related": related}
    )
    if not entry.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
