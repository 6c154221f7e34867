import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ressources.models import Aid, InspiringContent, Sheet
from tests.factories import AidFactory, ContentFactory, SheetFactory
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Bonjour <strong>toutes</strong></p>'
    "<script>alert('x')</script>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">lien piégé</a>'
    '<a href="https://www.ameli.fr" onmouseover="x()">ameli</a>'
    '<iframe src="https://tiers.example"></iframe>'
    '<p style="position:fixed">style</p>'
)


def test_sheet_bodies_are_sanitised_whatever_the_way_they_are_saved(organisation):
    sheet = SheetFactory(owner=organisation, body=HOSTILE)
    sheet.refresh_from_db()
    body = sheet.body
    for forbidden in ("<script", "onclick", "onerror", "onmouseover", "javascript:", "<iframe", "<img", "style="):
        assert forbidden not in body, forbidden
    assert "<strong>toutes</strong>" in body
    assert 'href="https://www.ameli.fr"' in body


def test_admin_form_sanitises_and_the_page_shows_no_script(client, people, organisation):
    client.force_login(people.coordinator)
    response = client.post(
        reverse("admin:ressources_sheet_add"),
        {
            "title": "Fiche piégée",
            "slug": "fiche-piegee",
            "summary": "Résumé",
            "body": HOSTILE,
            "owner": organisation.pk,
            "status": "publie",
            "source_url": "",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = client.get("/ressources/fiches/fiche-piegee/").content.decode()
    assert "<script>alert" not in page and "onclick" not in page and "javascript:" not in page


def test_the_rich_text_editor_runs_under_the_csp_with_a_nonce(client, people):
    client.force_login(people.coordinator)
    response = client.get(reverse("admin:ressources_sheet_add"))
    html = response.content.decode()
    nonce = re.search(r'<script type="importmap" nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "django_prose_editor/editor.js" in html
    # Public pages carry no nonce: they run no inline script.
    assert "nonce-" not in client.get("/").get("Content-Security-Policy")


def test_slug_stays_when_the_title_changes_and_old_addresses_redirect(client, organisation):
    sheet = SheetFactory(owner=organisation, published=True, title="Ancien titre", slug="ancien-titre")
    sheet.title = "Nouveau titre"
    sheet.save()
    assert client.get("/ressources/fiches/ancien-titre/").status_code == 200

    sheet.slug = "nouvelle-adresse"
    sheet.save()
    response = client.get("/ressources/fiches/ancien-titre/")
    assert response.status_code == 301 and response["Location"] == "/ressources/fiches/nouvelle-adresse/"
    assert client.get("/ressources/fiches/nouvelle-adresse/").status_code == 200
    # Going back to the old slug works too, without a redirect loop.
    sheet.slug = "ancien-titre"
    sheet.save()
    assert client.get("/ressources/fiches/ancien-titre/").status_code == 200
    assert client.get("/ressources/fiches/nouvelle-adresse/").status_code == 301


def test_old_address_of_an_unpublished_entry_is_404(client, organisation):
    sheet = SheetFactory(owner=organisation, slug="avant")
    sheet.slug = "apres"
    sheet.save()
    assert client.get("/ressources/fiches/avant/").status_code == 404


def test_admin_keeps_the_slug_of_an_existing_entry(client, people, organisation):
    sheet = SheetFactory(owner=organisation)
    client.force_login(people.coordinator)
    html = client.get(reverse("admin:ressources_sheet_change", args=[sheet.pk])).content.decode()
    assert (
        "django-admin-prepopulated-fields-constants" not in html
        or '"slug"' not in html.split("django-admin-prepopulated-fields-constants")[1][:500]
    )


def test_audio_and_video_need_a_transcript(organisation):
    content = ContentFactory.build(owner=organisation, format="podcast", transcript="")
    with pytest.raises(ValidationError) as error:
        content.full_clean()
    assert "transcription ou un résumé écrit" in str(error.value)
    ContentFactory.build(owner=organisation, format="article", transcript="").full_clean(exclude=["slug"])


def test_an_amount_carries_its_year_and_to_verify_says_what(organisation):
    with pytest.raises(ValidationError, match="l'année"):
        AidFactory.build(owner=organisation, amount="100 €", amount_year=None).full_clean()
    with pytest.raises(ValidationError, match="à vérifier"):
        AidFactory.build(owner=organisation, to_verify=True, to_verify_note="").full_clean()


def test_aid_detail_shows_amount_year_and_to_verify(client, organisation):
    aid = AidFactory(
        owner=organisation,
        published=True,
        amount="3 000 €",
        amount_year=2025,
        to_verify=True,
        to_verify_note="Montant 2026 inconnu.",
        conditions="12 mois d'affiliation\n- Arrêter son activité",
        apply_phone="36 46",
    )
    html = client.get(aid.get_absolute_url()).content.decode()
    assert "3 000 €" in html and "montant 2025" in html
    assert "À vérifier :</strong> Montant 2026 inconnu." in html
    assert "<li>Arrêter son activité</li>" in html
    assert "Signaler une information erronée ou périmée" in html


def test_content_detail_links_out_without_embedding(client, organisation):
    content = ContentFactory(
        owner=organisation, published=True, format="video", link="https://video.example/x", transcript="Texte lu."
    )
    html = client.get(content.get_absolute_url()).content.decode()
    assert 'href="https://video.example/x"' in html
    assert "<iframe" not in html and "<video" not in html
    assert "Transcription ou résumé écrit" in html and "Texte lu." in html


def test_sheet_faq_is_a_disclosure_and_searchable(client, organisation):
    sheet = SheetFactory(owner=organisation, published=True, title="Fiche avec questions")
    sheet.questions.create(question="Qui appeler ?", answer="La caisse d'assurance maladie.", position=0)
    sheet.refresh_search_text()
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert '<details class="faq">' in html and "<summary>Qui appeler ?</summary>" in html
    assert Sheet.objects.search("assurance maladie").filter(pk=sheet.pk).exists()


def test_report_form_on_a_resource_handles_hostile_input(client, organisation, mailoutbox):
    aid = AidFactory(owner=organisation, published=True)
    url = reverse("guichet:report_error", kwargs={"model_label": "ressources.aid", "pk": aid.pk})
    response = client.post(url, {"message": "<script>alert(1)</script>", "email": "pas-une-adresse"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert client.post(url, {"message": "Le montant a changé en 2026."}).status_code == 302


def test_demo_resources_follow_the_content_rules():
    demo_rows.put_back()
    assert Sheet.objects.published().count() >= 12
    assert InspiringContent.objects.published().count() >= 8
    verified_phones = {"", "36 46", "3698"}
    for aid in Aid.objects.all():
        assert aid.source_url, aid
        assert aid.apply_phone in verified_phones, aid
        if aid.amount:
            assert aid.amount_year, aid
        if aid.reviewed_at is None or aid.to_verify:
            pass  # shown as "date de vérification inconnue" / "À vérifier" on the page
    for content in InspiringContent.objects.all():
        assert content.is_demo or content.link, content
        if content.is_demo:
            assert "fictif" in content.summary.lower() or "fictive" in content.summary.lower()
    # Filters show meaningful differences: every phase and status has something of its own.
    for phase in ("prevention", "traitement", "apres"):
        assert Aid.objects.published().for_phase(phase).count() < Aid.objects.published().count()
    # Loading twice changes no row: tests/test_demo.py, test_demo_loader_is_idempotent.


def test_an_aid_page_says_whether_it_is_for_her_once_she_has_answered(client, organisation):
    from tests.factories import AidFactory
    from tests.onboarding.test_parcours import set_answers

    aid = AidFactory(
        owner=organisation,
        published=True,
        title="IJ des indépendantes",
        statuses=["artisane"],
        reason="En arrêt complet, une somme par jour.",
        criteria=[
            (
                "affiliation-12-mois",
                "Affiliée depuis plus d'un an.",
                "Il faut 12 mois.",
                "Demandez le maintien de droits.",
            )
        ],
    )
    url = aid.get_absolute_url()
    assert "Est-ce pour moi" not in client.get(url).content.decode()  # she has not answered: nothing personal
    set_answers(client, {"status": "artisane", "twelve_months": "oui"})
    html = client.get(url).content.decode()
    assert "oui." in html and "Vous êtes artisane : en arrêt complet, une somme par jour." in html
    set_answers(client, {"status": "artisane", "twelve_months": "non"})
    html = client.get(url).content.decode()
    assert "peut-être" in html and "Demandez le maintien de droits." in html
    set_answers(client, {"status": "agricultrice"})
    html = client.get(url).content.decode()
    assert "n'est pas pour vous" in html and "réservée à ces statuts : artisane" in html


def _aid_form(organisation, *criteria, statuses=("artisane",)):
    data = {
        "title": "Indemnités journalières",
        "slug": "indemnites-journalieres-test",
        "summary": "Une somme par jour d'arrêt.",
        "benefit": "Une somme par jour.",
        "audience": "Les artisanes.",
        "owner": organisation.pk,
        "status": "brouillon",
        "beneficiary": "elle",
        "statuses": list(statuses),
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": "0",
    }
    for i, (kind, met, check, not_met) in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-kind": kind,
                f"criteria-{i}-met_text": met,
                f"criteria-{i}-check_text": check,
                f"criteria-{i}-not_met_text": not_met,
                f"criteria-{i}-position": str(i),
            }
        )
    return data


def test_an_operator_writes_an_aids_conditions_in_french(client, people, organisation):
    client.force_login(people.owner_operator)
    twelve = ("affiliation-12-mois", "Affiliée depuis plus d'un an.", "Il faut 12 mois.", "Demandez le maintien.")
    income = ("revenu-minimum", "", "Rien sous 4 383,20 € (2025) de revenu moyen.", "")
    response = client.post(reverse("admin:ressources_aid_add"), _aid_form(organisation, twelve, income))
    assert response.status_code == 302, response.content.decode()[-3000:]
    aid = Aid.objects.get(slug="indemnites-journalieres-test")
    assert list(aid.criteria.values_list("kind", flat=True)) == ["affiliation-12-mois", "revenu-minimum"]


@pytest.mark.parametrize(
    "criteria, statuses, message",
    [
        # A question the questionnaire asks needs its "why".
        ([("affiliation-12-mois", "", "Il faut 12 mois.", "")], ["artisane"], "Écrivez la phrase « pourquoi »"),
        # A condition nobody is asked about cannot be "met" or "not met".
        ([("revenu-minimum", "", "Vérifiez votre revenu.", "Alors rien.")], ["artisane"], "jamais « pas remplie »"),
        # Empty: what to check is required.
        ([("age", "", "", "")], ["artisane"], "Ce champ est obligatoire"),
        # Contradictory with the statuts targeted.
        (
            [("mandat-remunere", "Rémunérée.", "Regardez vos bulletins.", "")],
            ["artisane"],
            "ne concerne que les présidentes",
        ),
        # Twice the same condition.
        (
            [("age", "", "50 à 74 ans.", ""), ("age", "", "50 à 74 ans.", "")],
            ["artisane"],
            "indiquée deux fois",
        ),
    ],
)
def test_a_bad_condition_gets_a_french_error_and_keeps_what_she_typed(
    client, people, organisation, criteria, statuses, message
):
    client.force_login(people.owner_operator)
    response = client.post(reverse("admin:ressources_aid_add"), _aid_form(organisation, *criteria, statuses=statuses))
    assert response.status_code == 200
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html or message in html
    for _kind, met, check, _not_met in criteria:
        assert check.replace("'", "&#x27;") in html and met.replace("'", "&#x27;") in html
    assert not Aid.objects.filter(slug="indemnites-journalieres-test").exists()
