"""The field kit (flyer, poster, stand link) and the booklet of a département."""

import re

import pytest
from django.urls import reverse

from onboarding.models import SourceCode
from tests.factories import AidFactory, EventFactory, StructureFactory, _departement

pytestmark = pytest.mark.django_db


def test_flyer_and_poster_carry_the_questionnaire_address_with_the_code(client, people, settings):
    settings.GUICHET_SITE_URL = "https://guichet.example"
    code = SourceCode.objects.create(code="salon-cci-marseille-2027", label="Salon CCI Marseille 2027")
    client.force_login(people.coordinator)
    listing = client.get(reverse("admin:onboarding_sourcecode_changelist")).content.decode()
    assert "flyer A5" in listing and "/stand/salon-cci-marseille-2027/" in listing
    for name in ("flyer", "poster"):
        html = client.get(reverse(f"admin:onboarding_sourcecode_{name}", args=[code.pk])).content.decode()
        assert re.search(r"<svg[^>]*class=\"qr\"", html)
        assert "guichet.example/questionnaire/" in html and "Salon CCI Marseille 2027" in html
        assert "<script" not in html
    client.force_login(people.owner_operator)
    assert client.get(reverse("admin:onboarding_sourcecode_flyer", args=[code.pk])).status_code in (302, 403)


def test_the_booklet_of_a_departement(client, organisation, django_assert_max_num_queries):
    AidFactory(
        owner=organisation,
        published=True,
        title="IJ des indépendantes",
        statuses=["artisane"],
        apply_phone="36 46",
        apply_organisation="CPAM",
    )
    AidFactory(owner=organisation, published=True, title="ALD", apply_organisation="Assurance maladie")
    AidFactory(owner=organisation, published=True, title="Aide niçoise", territories=[_departement("06")])
    AidFactory(owner=organisation, title="Brouillon")
    StructureFactory(
        owner=organisation,
        published=True,
        name="Maison bien-être",
        territories=[_departement("13")],
        address="7 rue Francis-Davso",
        postal_code="13001",
        city="Marseille",
    )
    StructureFactory(owner=organisation, published=True, name="Santé Info Droits", phone="01 53 62 40 30")
    StructureFactory(owner=organisation, published=True, name="À Nice", territories=[_departement("06")])
    EventFactory(owner=organisation, published=True, title="Atelier à Marseille")
    EventFactory(owner=organisation, published=True, title="Webinaire", online=True)
    with django_assert_max_num_queries(8):
        response = client.get("/livret/13/")
    html = response.content.decode()
    for expected in (
        "Bouches-du-Rhône (13)",
        "IJ des indépendantes",
        "tél. 36 46",
        "ALD",
        "Maison bien-être",
        "7 rue Francis-Davso",
        "Santé Info Droits</strong> : 01 53 62 40 30",
        "Atelier à Marseille",
        "Webinaire",
        "/questionnaire/",
    ):
        assert expected in html, expected
    for absent in ("Aide niçoise", "Brouillon", "À Nice"):
        assert absent not in html
    assert "Artisanes, commerçantes" in html
    assert client.get("/livret/zz/").status_code == 404
    assert "pas encore déployé" in client.get("/livret/75/").content.decode()
    assert client.get("/livret/2a/").status_code == 200
