"""Her parcours opens with a short plan (issue 19, lecture confortable): each section, how much it holds, a link to
it; not on paper, where the sections follow each other anyway."""

import re

from tests.factories import AidFactory
from tests.onboarding.test_parcours import set_answers


def test_the_parcours_opens_with_a_plan_of_its_sections(client, organisation):
    AidFactory(
        owner=organisation,
        published=True,
        title="IJ des indépendantes",
        statuses=["artisane"],
        phases=["traitement"],
        essential_phases=["traitement"],
    )
    AidFactory(owner=organisation, published=True, title="Aide pour toutes")
    set_answers(client, {"status": "artisane", "phase": "traitement", "departement": "13"})
    html = client.get("/mon-parcours/").content.decode()
    plan = html.split('<nav class="parcours-plan"')[1].split("</nav>")[0]
    assert "Votre parcours en bref" in plan
    assert re.search(r'<a href="#titre-aides">Aides et dispositifs</a> : 2 aides, dont 1 à regarder en premier', plan)
    for anchor in re.findall(r'href="#([^"]+)"', plan):
        assert f'id="{anchor}"' in html, anchor
    # The plan comes before the sections it lists.
    assert html.index("parcours-plan") < html.index('id="titre-aides"')
    assert "parcours-plan" not in client.get("/mon-parcours/imprimer/").content.decode()
