"""Issue 16, point 6: the privacy page says what the structure receives when the coordinator orients a request, and
says it truly: her request goes to the structure only when she ticked the consent box, and then only her message and
her contact details (never her phase, statut or answers)."""

import re

import pytest
from django.utils import timezone

from annuaire import services
from annuaire.contact import ContactRequest, RequestState
from annuaire.forms import ContactRequestForm
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_privacy_page_says_her_request_reaches_the_structure_only_with_her_consent(client):
    page = _text(client.get("/confidentialite/").content.decode())
    section = page.split("Si vous demandez à être mise en relation")[1].split("Si vous vous inscrivez")[0]
    # The box she ticks, named as the form names it.
    box = str(ContactRequestForm.base_fields["share_with_structure"].label)
    assert box.startswith("J'accepte que l'animatrice transmette ma demande")
    assert "seulement si vous avez coché la case « J'accepte que l'animatrice transmette ma demande »" in section
    # What is shared, and what never is.
    assert "votre message, votre téléphone et votre adresse e-mail" in section
    assert "les moments où vous joindre" in section
    assert "Jamais votre phase, votre statut ni vos réponses au questionnaire" in section
    # Without the box: nothing she wrote.
    assert "si vous n'avez pas coché cette case : rien de ce que vous avez écrit ni de vos coordonnées" in section
    # The former sentence, no longer true since the structure may receive her request, is gone.
    assert "jamais transmise à une structure sans que vous en ayez parlé" not in page


@pytest.mark.parametrize("consent", [True, False])
def test_the_structure_receives_what_the_page_says(organisation, mailoutbox, consent):
    structure = StructureFactory(owner=organisation, published=True, name="Maison Bien-Être", email="accueil@m.fr")
    request = ContactRequest.objects.create(
        message="Mon message à moi",
        contact_method="telephone",
        phone="06 12 34 56 78",
        email="elle@exemple.fr",
        preferred_times="le matin",
        phase="traitement",
        professional_status="micro-entrepreneuse",
        questionnaire_answers={"departement": "83"},
        consented_at=timezone.now(),
        share_with_structure=consent,
    )
    services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    [to_structure] = [mail for mail in mailoutbox if mail.to == ["accueil@m.fr"]]
    shared = ("Mon message à moi", "06 12 34 56 78", "elle@exemple.fr", "le matin")
    for value in shared:
        assert (value in to_structure.body) is consent
    for never in ("traitement", "Pendant les traitements", "Micro-entrepreneuse", "micro-entrepreneuse", "Var"):
        assert never not in to_structure.body.replace(f"n° {request.pk}", "")
