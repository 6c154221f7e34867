"""The agenda as a visitor sees it: upcoming and past never mixed, filters, days in French, no leak, no 500."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import EventFactory, StructureFactory, _departement
from tests.helpers.roles import check_editorial_matrix

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def at(days=0, hours=0, minutes=0):
    return timezone.now() + datetime.timedelta(days=days, hours=hours, minutes=minutes)


def test_role_matrix(client, people, organisation):
    check_editorial_matrix(client, EventFactory(owner=organisation), people)


def test_upcoming_and_past_split_at_the_boundary(client, organisation):
    EventFactory(
        owner=organisation, published=True, title="Finit dans une minute", starts_at=at(hours=-2), ends_at=at(minutes=1)
    )
    EventFactory(
        owner=organisation,
        published=True,
        title="Fini depuis une minute",
        starts_at=at(hours=-2),
        ends_at=at(minutes=-1),
    )
    EventFactory(owner=organisation, published=True, title="Demain", starts_at=at(days=1), ends_at=at(days=1, hours=2))

    upcoming = client.get("/agenda/")
    assert titles(upcoming) == ["Finit dans une minute", "Demain"]
    html = upcoming.content.decode()
    assert "en cours" in html and "Aujourd&#x27;hui" in html
    assert "2 rendez-vous à venir" in html

    past = client.get("/agenda/passes/")
    assert titles(past) == ["Fini depuis une minute"]


def test_days_are_written_the_french_way(client, organisation):
    day = timezone.localdate() + datetime.timedelta(days=10)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    EventFactory(owner=organisation, published=True, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    html = client.get("/agenda/").content.decode()
    weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    number = "1er" if day.day == 1 else str(day.day)
    expected = f"{weekdays[day.weekday()]} {number} {months[day.month - 1]}".capitalize()
    assert expected in html
    assert "9 h 30" in html and "11 h 30" in html


def test_a_cancelled_date_disappears_from_the_listing_and_is_marked_on_the_page(client, organisation):
    event = EventFactory(
        owner=organisation,
        published=True,
        title="Permanence",
        repeat="hebdomadaire",
        repeat_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    first = event.occurrences.order_by("starts_at").first()
    first.is_cancelled = True
    first.save()
    assert len(titles(client.get("/agenda/"))) == event.occurrences.count() - 1
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "annulé" in detail and "<del>" in detail


def test_unpublished_events_never_leak(client, organisation):
    organiser = StructureFactory(owner=organisation, published=True, slug="organisatrice")
    EventFactory(owner=organisation, published=True, title="Publié", organiser=organiser)
    draft = EventFactory(owner=organisation, title="Brouillon secret", slug="brouillon-secret", organiser=organiser)
    for url in (
        "/agenda/",
        "/agenda/passes/",
        "/agenda/agenda.ics",
        organiser.get_absolute_url(),
        EventFactory(owner=organisation, published=True, organiser=organiser).get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert "Brouillon secret" not in body, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/agenda/brouillon-secret.ics").status_code == 404
    assert "Publié" in client.get(organiser.get_absolute_url()).content.decode()


def test_online_events_are_always_shown_with_a_label_whatever_the_departement(client, organisation):
    EventFactory(owner=organisation, published=True, title="À Marseille")
    EventFactory(
        owner=organisation,
        published=True,
        title="À Nice",
        city="Nice",
        postal_code="06000",
        departement=_departement("06"),
    )
    EventFactory(owner=organisation, published=True, title="Webinaire", online=True)
    response = client.get("/agenda/?departement=13")
    assert sorted(titles(response)) == ["Webinaire", "À Marseille"]
    assert "<strong>en ligne</strong>" in response.content.decode()
    assert titles(client.get("/agenda/?format=en-ligne")) == ["Webinaire"]
    assert sorted(titles(client.get("/agenda/?format=sur-place"))) == ["À Marseille", "À Nice"]


def test_filters_combine_and_stay_in_the_url(client, organisation):
    EventFactory(
        owner=organisation, published=True, title="Atelier bien-être", themes=["bien-etre"], phases=["traitement"]
    )
    EventFactory(
        owner=organisation,
        published=True,
        title="Réunion URSSAF",
        kind="information",
        themes=["droits-protection-sociale"],
    )
    EventFactory(owner=organisation, published=True, title="Atelier après", themes=["bien-etre"], phases=["apres"])
    assert sorted(titles(client.get("/agenda/?type=atelier"))) == ["Atelier après", "Atelier bien-être"]
    assert titles(client.get("/agenda/?type=atelier&phase=traitement")) == ["Atelier bien-être"]
    assert titles(client.get("/agenda/?theme=droits-protection-sociale")) == ["Réunion URSSAF"]
    assert titles(client.get("/agenda/?q=urssaf&departement=13")) == ["Réunion URSSAF"]
    html = client.get("/agenda/?type=atelier&phase=traitement").content.decode()
    assert 'href="/agenda/agenda.ics?type=atelier&amp;phase=traitement"' in html
    assert "S'abonner à cette sélection" in html


def test_period_filters(client, organisation):
    today = timezone.localdate()
    EventFactory(owner=organisation, published=True, title="Bientôt", starts_at=at(hours=1), ends_at=at(hours=2))
    EventFactory(
        owner=organisation, published=True, title="Dans deux mois", starts_at=at(days=62), ends_at=at(days=62, hours=2)
    )
    assert titles(client.get("/agenda/?periode=semaine")) == ["Bientôt"]
    assert titles(client.get("/agenda/?periode=mois")) == ["Bientôt"]
    later = today + datetime.timedelta(days=60)
    assert titles(client.get(f"/agenda/?du={later:%Y-%m-%d}")) == ["Dans deux mois"]
    assert titles(client.get(f"/agenda/?au={later:%d/%m/%Y}")) == ["Bientôt"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("departement=zz", "Ce choix n&#x27;existe pas"),
        ("du=not-a-date", "Cette date n&#x27;est pas valide"),
        ("du=99999-01-01", "Cette date n&#x27;est pas valide"),
        ("du=1900-01-01", "entre l&#x27;an 2000 et l&#x27;an 2100"),
        ("du=2027-03-10&au=2027-03-01", "Cette date est avant la date « du »"),
        ("periode=demain", "Ce choix n&#x27;existe pas"),
        ("type=concert", "Ce choix n&#x27;existe pas"),
        ("page=999999", ""),
        ("page=-1", ""),
        ("q=" + "x" * 300, "200 caractères au plus"),
    ],
)
def test_bad_filters_give_a_clear_page_not_an_error(client, organisation, query, message):
    EventFactory(owner=organisation, published=True)
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get(f"/agenda/passes/?{query}").status_code == 200


def test_empty_state_helps(client):
    html = client.get("/agenda/?type=salon").content.decode()
    assert "Aucun résultat" in html and "effacez tous les filtres" in html


def test_listing_pages_and_costs_the_same_queries_whatever_the_number_of_events(
    client, organisation, django_assert_max_num_queries
):
    for _n in range(3):
        EventFactory(
            owner=organisation,
            published=True,
            themes=["bien-etre"],
            organiser=StructureFactory(owner=organisation, published=True),
        )
    with django_assert_max_num_queries(8) as few:
        client.get("/agenda/?departement=13&theme=bien-etre")
    for _n in range(40):
        EventFactory(
            owner=organisation,
            published=True,
            themes=["bien-etre"],
            repeat="hebdomadaire",
            repeat_until=timezone.localdate() + datetime.timedelta(days=20),
            organiser=StructureFactory(owner=organisation, published=True),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/agenda/?departement=13&theme=bien-etre")
    assert len(titles(response)) == 20
    assert "Page 1 sur" in response.content.decode()


def test_detail_page_has_everything_she_needs(client, organisation):
    organiser = StructureFactory(owner=organisation, published=True, name="Association des Bouches-du-Rhône")
    event = EventFactory(
        owner=organisation,
        published=True,
        title="Atelier socio-esthétique",
        organiser=organiser,
        organiser_name="",
        place_name="Maison des associations",
        address="12 rue de la République",
        accessibility="Ascenseur",
        is_free=False,
        price_note="5 € la séance",
        registration="inscription",
        registration_phone="04 00 00 00 00",
        description="<p>Un <strong>atelier</strong><script>alert(1)</script></p>",
        is_demo=True,
    )
    EventFactory(owner=organisation, published=True, title="Autre rendez-vous", organiser=organiser)
    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    assert "https://www.openstreetmap.org/search?query=12+rue+de+la+R%C3%A9publique%2C+13001%2C+Marseille" in html
    assert f'href="{organiser.get_absolute_url()}"' in html
    assert "Autre rendez-vous" in html
    assert f'href="/agenda/{event.slug}.ics"' in html
    assert "5 € la séance" in html and "04 00 00 00 00" in html and "Ascenseur" in html
    assert "<strong>atelier</strong>" in html and "<script>alert" not in html
    assert "Événement fictif" in html
    assert "Signaler" in html
    # No map embedded, nothing loaded from another site.
    assert "<iframe" not in html and 'src="http' not in html


def test_a_past_event_says_so(client, organisation):
    event = EventFactory(owner=organisation, published=True, starts_at=at(days=-3), ends_at=at(days=-3, hours=2))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Cet événement est passé" in html and "Ajouter à mon agenda" not in html


def test_invalid_event_data_is_refused_in_french(organisation):
    from django.core.exceptions import ValidationError

    event = EventFactory.build(
        owner=organisation,
        city="",
        departement=None,
        organiser_name="",
        registration="inscription",
        ends_at=at(days=-1),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    messages = error.value.message_dict
    assert messages["ends_at"] == ["La fin doit venir après le début."]
    assert "commune" in messages["city"][0] and "département" in messages["departement"][0]
    assert "organisateur" in messages["organiser"][0] and "téléphone" in messages["registration_url"][0]


def test_an_event_whose_registration_is_a_peer_group_on_this_site(client, organisation):
    from django.core.exceptions import ValidationError

    from tests.factories import PeerGroupFactory

    group = PeerGroupFactory(owner=organisation, published=True, name="Groupe de parole du jeudi")
    event = EventFactory(owner=organisation, published=True, kind="rencontre", registration="site", peer_group=group)
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{group.get_absolute_url()}"' in html and "Groupe de parole du jeudi" in html
    event.peer_group = None
    with pytest.raises(ValidationError, match="groupe de pairs"):
        event.full_clean()


def test_detail_costs_the_same_queries_whatever_the_organiser_holds(
    client, organisation, django_assert_max_num_queries
):
    organiser = StructureFactory(owner=organisation, published=True)
    event = EventFactory(
        owner=organisation,
        published=True,
        organiser=organiser,
        themes=["bien-etre"],
        repeat="hebdomadaire",
        repeat_until=timezone.localdate() + datetime.timedelta(days=20),
    )
    with django_assert_max_num_queries(10) as few:
        client.get(event.get_absolute_url())
    for _ in range(10):
        EventFactory(owner=organisation, published=True, organiser=organiser, themes=["bien-etre"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(event.get_absolute_url())
