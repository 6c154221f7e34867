# The main navigation: the sections of the kinds of content (guichet.kinds), then her parcours. Stable addresses
# printed on flyers.
PARCOURS = ("Mon parcours", "/questionnaire/")


def site(request):
    """What the site's frame needs on every page, and the state of its RGAA self-assessment (guichet/rgaa.yaml, read
    once) that the footer gives."""
    from guichet import kinds, rgaa

    return {
        "main_sections": [*kinds.navigation(), PARCOURS],
        "search_query": request.GET.get("q", "")[:200],
        "accessibility_state": rgaa.load().state,
    }
