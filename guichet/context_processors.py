# The five sections of the main navigation: stable addresses printed on flyers.
MAIN_SECTIONS = [
    ("Ressources", "/ressources/"),
    ("Annuaire", "/annuaire/"),
    ("Agenda", "/agenda/"),
    ("Groupes de pairs", "/groupes/"),
    ("Mon parcours", "/questionnaire/"),
]


def site(request):
    """What the site's frame needs on every page, and the state of its RGAA self-assessment (guichet/rgaa.yaml, read
    once) that the footer gives."""
    from guichet import rgaa

    return {
        "main_sections": MAIN_SECTIONS,
        "search_query": request.GET.get("q", "")[:200],
        "accessibility_state": rgaa.load().state,
    }
