from django.http import Http404
from django.shortcuts import render

from guichet import answers
from guichet.pagination import paginate, query_without_page
from guichet.shortcuts import get_visible_by_slug
from ressources import eligibility
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
    for_her = request.GET.get(answers.FOR_HER_PARAM[0]) == answers.FOR_HER_PARAM[1]
    filterset = filterset_class(_filters(request), queryset=MODELS[kind].objects.for_list())
    filterset.form.from_her_answers = for_her  # drawn for her, never kept (guichet_tags.filters_form)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "ressources/listing.html",
        {
            "kind": kind,
            "followable": kind == ResourceKind.AID,  # "Me prévenir" follows new aids (alertes.listings)
            "filterset": filterset,
            "page": page,
            "query_prefix": query_without_page(request),
            "for_her": for_her,
        },
    )


def _filters(request):
    """The listing's filters; `?selon=mes-reponses` (the link of her parcours) adds hers, read from her cookie."""
    name, value = answers.FOR_HER_PARAM
    if request.GET.get(name) != value:
        return request.GET or None
    data = request.GET.copy()
    del data[name]
    for key, chosen in answers.from_session(request).listing_filters().items():
        data.setdefault(key, chosen)
    return data or None


def _for_her(aid, profile) -> eligibility.Evaluation:
    """ "Est-ce pour moi ?": the evaluation of "Mon parcours" for this aid, with her département (one query)."""
    queryset = Aid.objects.filter(pk=aid.pk)
    if profile.departement:
        queryset = queryset.for_departement(profile.departement)
    annotated = eligibility.aids_with_rules(queryset).first()
    if annotated is None:
        return eligibility.Evaluation(
            aid, eligibility.Verdict.EXCLUDED, reasons=["Elle n'existe pas dans le département que vous avez indiqué."]
        )
    return eligibility.evaluate(annotated, profile, departement_known=bool(profile.departement))


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
    context = {"entry": entry, "kind": kind, "related": related}
    if kind == ResourceKind.AID and answers.has_answered(request):
        context["for_her"] = _for_her(entry, answers.from_session(request))
    response = render(request, f"ressources/{model._meta.model_name}_detail.html", context)
    if not entry.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
