# The five sections of the main navigation: stable addresses printed on flyers.
MAIN_SECTIONS = [
    ("Ressources", "/ressources/"),
    ("Annuaire", "/annuaire/"),
    ("Agenda", "/agenda/"),
    ("Groupes de pairs", "/groupes/"),
    ("Mon parcours", "/questionnaire/"),
]


def site(request):
    """What the site's frame needs on every page."""
    return {"main_sections": MAIN_SECTIONS, "search_query": request.GET.get("q", "")[:200]}
