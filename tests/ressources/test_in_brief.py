"""Every aid and sheet opens with "En bref" (issue 19, lecture confortable): for an aid, what it is, how much (with
the year of the amount) and whom to ask, in three lines, before the details."""

from tests.factories import AidFactory, SheetFactory


def test_an_aid_opens_with_what_how_much_and_whom_to_ask(client, organisation):
    aid = AidFactory(
        owner=organisation,
        published=True,
        title="IJ des indépendantes",
        summary="Un revenu pendant l'arrêt de travail.",
        amount="Jusqu'à 64,52 € par jour",
        amount_year=2025,
        apply_organisation="CPAM",
        apply_phone="36 46",
    )
    html = client.get(aid.get_absolute_url()).content.decode()
    brief = html.split('<section class="in-brief"')[1].split("</section>")[0]
    assert "En bref" in brief
    assert "<strong>Ce que c'est :</strong> Un revenu pendant l&#x27;arrêt de travail." in brief
    assert "<strong>Combien :</strong> Jusqu&#x27;à 64,52 € par jour (montant 2025)" in brief
    assert "<strong>À qui la demander :</strong> CPAM, 36 46" in brief
    assert html.index("in-brief") < html.index("Ce que ça apporte")


def test_without_an_amount_or_an_organisation_it_says_where_to_read(client, organisation):
    aid = AidFactory(owner=organisation, published=True, title="Accompagnement", amount="", amount_year=None)
    brief = client.get(aid.get_absolute_url()).content.decode().split('<section class="in-brief"')[1]
    assert "pas de montant fixe : voir « Ce que ça apporte »" in brief
    assert "voir « Comment faire la demande »" in brief


def test_a_sheet_opens_with_its_summary_in_brief(client, organisation):
    sheet = SheetFactory(owner=organisation, published=True, title="Arrêt maladie", summary="Ce qu'il faut faire.")
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert 'id="titre-en-bref">En bref</h2><p class="lead">Ce qu&#x27;il faut faire.</p>' in html
