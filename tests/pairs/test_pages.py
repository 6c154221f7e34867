import datetime
import re

import pytest
from django.utils import timezone

from pairs import services
from tests.factories import PeerGroupFactory, StructureFactory, _departement
from tests.helpers.roles import check_editorial_matrix
from tests.pairs.helpers import take

pytestmark = pytest.mark.django_db


def names(response):
    return sorted(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


def test_role_matrix(client, people, organisation):
    check_editorial_matrix(client, PeerGroupFactory(owner=organisation), people)


def test_listing_shows_places_left_and_full_groups(client, organisation):
    open_group = PeerGroupFactory(owner=organisation, published=True, name="Avec places", capacity=3)
    full = PeerGroupFactory(owner=organisation, published=True, name="Complet", capacity=1)
    take(open_group, first_name="A", email="a@exemple.fr")
    take(full, first_name="B", email="b@exemple.fr")
    services.sign_up(open_group, first_name="C", email="c@exemple.fr")  # not confirmed: takes no place
    html = client.get("/groupes/").content.decode()
    assert "2 places" in html and "Complet — liste d'attente" in html
    assert names(client.get("/groupes/?places=libres")) == ["Avec places"]


def test_video_groups_are_always_shown_and_filters_combine(client, organisation):
    PeerGroupFactory(
        owner=organisation, published=True, name="Marseille", themes=["vie-personnelle-proches"], phases=["traitement"]
    )
    PeerGroupFactory(
        owner=organisation,
        published=True,
        name="Nice",
        city="Nice",
        postal_code="06000",
        departement=_departement("06"),
    )
    PeerGroupFactory(owner=organisation, published=True, name="Visio", video=True, phases=["apres"])
    assert names(client.get("/groupes/?departement=13")) == ["Marseille", "Visio"]
    assert names(client.get("/groupes/?format=visio")) == ["Visio"]
    assert names(client.get("/groupes/?departement=13&phase=traitement")) == ["Marseille"]
    assert names(client.get("/groupes/?theme=vie-personnelle-proches")) == ["Marseille"]


def test_finished_and_unpublished_groups_are_not_listed(client, organisation):
    PeerGroupFactory(
        owner=organisation, published=True, name="Fini", sessions=[timezone.now() - datetime.timedelta(days=2)]
    )
    draft = PeerGroupFactory(owner=organisation, name="Brouillon")
    PeerGroupFactory(owner=organisation, published=True, name="En cours")
    assert names(client.get("/groupes/")) == ["En cours"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_detail_page(client, organisation):
    organiser = StructureFactory(owner=organisation, published=True, name="Association organisatrice")
    group = PeerGroupFactory(owner=organisation, published=True, organiser=organiser, organiser_name="", is_demo=True)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Claire, psychologue" in html and "La charte du groupe" in html
    assert "on ne répète rien" in html
    assert f'href="{organiser.get_absolute_url()}"' in html
    assert "Je m'inscris" in html
    assert html.count("18 h à 20 h") == 4
    assert "Deuxième étage, code 1234." not in html  # access details go to confirmed participants only
    assert "Groupe fictif" in html


@pytest.mark.parametrize("query", ["departement=zz", "places=toutes", "format=radio", "page=9999", "theme=x"])
def test_bad_filters_give_a_clear_page(client, organisation, query):
    PeerGroupFactory(owner=organisation, published=True)
    response = client.get(f"/groupes/?{query}")
    assert response.status_code == 200


def test_listing_costs_the_same_queries_whatever_the_number_of_groups(
    client, organisation, django_assert_max_num_queries
):
    PeerGroupFactory(owner=organisation, published=True, themes=["bien-etre"])
    with django_assert_max_num_queries(8) as few:
        client.get("/groupes/?departement=13&places=libres")
    for n in range(25):
        group = PeerGroupFactory(owner=organisation, published=True, themes=["bien-etre"], capacity=2)
        services.sign_up(group, first_name="A", email=f"a{n}@exemple.fr")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/groupes/?departement=13&places=libres")
    assert len(names(response)) == 20


def test_detail_costs_the_same_queries_whatever_the_sign_ups(client, organisation, django_assert_max_num_queries):
    group = PeerGroupFactory(owner=organisation, published=True, themes=["bien-etre"], capacity=30)
    with django_assert_max_num_queries(10) as few:
        client.get(group.get_absolute_url())
    for n in range(20):
        services.sign_up(group, first_name="A", email=f"a{n}@exemple.fr")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(group.get_absolute_url())
