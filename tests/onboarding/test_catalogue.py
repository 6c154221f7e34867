"""The published aids, sheets, first steps and départements each process keeps for the parcours
(guichet.sharedcache.memo): read once, then no query for them until content changes anywhere, and a publication, a
changed condition or a changed list shows at the next visit."""

from unittest import mock

import pytest

from guichet.models import Theme
from ressources.enums import CriterionKind
from tests.factories import AidFactory, _departement
from tests.onboarding.test_parcours import set_answers

pytestmark = pytest.mark.django_db

CATALOGUE_TABLES = ("ressources_aid", "ressources_sheet", "onboarding_firststep", "guichet_territory")


@pytest.fixture
def memo_on(settings, monkeypatch):
    """Each process's copies on, starting empty, with no generation left by an earlier test's request."""
    from guichet import sharedcache

    settings.GUICHET_CONTENT_MEMO = True
    monkeypatch.setattr(sharedcache, "_memos", {})
    token = sharedcache._request_generation.set(None)
    yield
    sharedcache._request_generation.reset(token)


@pytest.fixture
def her(client):
    set_answers(client, {"status": "artisane", "phase": "traitement", "departement": "13", "themes": ["bien-etre"]})
    return client


def _publish(django_capture_on_commit_callbacks, **fields):
    """As the back office does: the transaction commits, and a new generation is drawn."""
    with django_capture_on_commit_callbacks(execute=True):
        return AidFactory(published=True, **fields)


def test_the_catalogue_is_read_once_then_not_again(memo_on, her, organisation, django_assert_max_num_queries):
    AidFactory(owner=organisation, published=True, title="Aide pour toutes", reason="Pour toutes.")
    her.get("/mon-parcours/")
    with django_assert_max_num_queries(10) as queries:
        page = her.get("/mon-parcours/")
    assert "Aide pour toutes" in page.content.decode()
    read = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(tuple(f'SELECT "{t}".' for t in CATALOGUE_TABLES))
    ]
    assert read == []


def test_a_publication_shows_at_the_next_visit(memo_on, her, organisation, django_capture_on_commit_callbacks):
    her.get("/mon-parcours/")
    _publish(django_capture_on_commit_callbacks, owner=organisation, title="Aide publiée ce matin")
    assert "Aide publiée ce matin" in her.get("/mon-parcours/").content.decode()


def test_a_change_without_a_commit_is_not_seen_so_the_copy_is_really_kept(memo_on, her, organisation):
    """The copy is used: a row written in a transaction that never commits (no new generation) does not show."""
    her.get("/mon-parcours/")
    AidFactory(owner=organisation, published=True, title="Aide jamais validée")
    assert "Aide jamais validée" not in her.get("/mon-parcours/").content.decode()


def test_a_changed_list_or_condition_shows_at_the_next_visit(
    memo_on, her, organisation, django_capture_on_commit_callbacks
):
    aid = _publish(django_capture_on_commit_callbacks, owner=organisation, title="Aide des artisanes et commerçantes")
    assert "Aide des artisanes et commerçantes" in her.get("/mon-parcours/").content.decode()

    # Her statut taken off the aid's list (a many-to-many change, no save of the aid): no longer shown to her.
    with django_capture_on_commit_callbacks(execute=True):
        aid.statuses.set(["commercante"])
    assert "Aide des artisanes et commerçantes" not in her.get("/mon-parcours/").content.decode()

    # Back to everyone, then a condition she cannot know is added: shown, with what she must check.
    with django_capture_on_commit_callbacks(execute=True):
        aid.statuses.clear()
        aid.criteria.create(
            kind=CriterionKind.MINIMUM_INCOME,
            check_text="Vos revenus : au-dessus du minimum de l'aide, à vérifier.",
            position=1,
        )
    page = her.get("/mon-parcours/").content.decode()
    assert "Aide des artisanes et commerçantes" in page
    assert "Vos revenus : au-dessus du minimum de l&#x27;aide, à vérifier." in page


def test_a_territory_or_theme_change_shows_at_the_next_visit(
    memo_on, her, organisation, django_capture_on_commit_callbacks
):
    local = _publish(
        django_capture_on_commit_callbacks,
        owner=organisation,
        title="Aide du Var seulement",
        territories=[_departement("83")],
    )
    assert "Aide du Var seulement" not in her.get("/mon-parcours/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        local.territories.add(_departement("13"))
        local.themes.add(Theme.objects.get(slug="bien-etre"))
    assert "Aide du Var seulement" in her.get("/mon-parcours/").content.decode()


# The parcours's structures, next events and groups with places, kept per phase and département (onboarding.matching).


def _her_answers():
    from guichet.answers import Answers

    return Answers(status="artisane", phase="traitement", departement="13", themes=("bien-etre",))


def _event(django_capture_on_commit_callbacks, title, starts_at, **fields):
    import datetime

    from tests.factories import EventFactory

    with django_capture_on_commit_callbacks(execute=True):
        return EventFactory(
            published=True, title=title, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **fields
        )


def test_an_event_over_drops_out_and_the_next_one_follows_without_a_read(
    memo_on, django_capture_on_commit_callbacks, django_assert_num_queries
):
    import datetime

    from django.utils import timezone

    from onboarding import matching

    now = timezone.now()
    _event(django_capture_on_commit_callbacks, "Atelier de cet après-midi", now + datetime.timedelta(hours=1))
    for day in range(1, 7):
        _event(django_capture_on_commit_callbacks, f"Atelier du jour {day}", now + datetime.timedelta(days=day))
    answers, departement = _her_answers(), _departement("13")

    first = [o.event.title for o in matching.events_for(answers, departement, now=now)]
    assert first == ["Atelier de cet après-midi", *[f"Atelier du jour {day}" for day in range(1, 5)]]
    with django_assert_num_queries(0):
        later = [
            o.event.title for o in matching.events_for(answers, departement, now=now + datetime.timedelta(hours=4))
        ]
    assert later == [f"Atelier du jour {day}" for day in range(1, 6)]


def test_when_the_kept_events_are_over_the_next_ones_are_read(memo_on, monkeypatch, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    from onboarding import matching

    monkeypatch.setattr(matching, "KEPT", 3)
    monkeypatch.setitem(matching.LIMITS, "events", 2)
    now = timezone.now()
    for day in range(1, 5):
        _event(django_capture_on_commit_callbacks, f"Atelier du jour {day}", now + datetime.timedelta(days=day))
    answers, departement = _her_answers(), _departement("13")
    # Three kept, four to come, two shown.
    assert [o.event.title for o in matching.events_for(answers, departement, now=now)] == [
        "Atelier du jour 1",
        "Atelier du jour 2",
    ]
    # Two days and a half later, one of the three kept is left: the database gives the two next ones.
    later = matching.events_for(answers, departement, now=now + datetime.timedelta(days=2, hours=12))
    assert [o.event.title for o in later] == ["Atelier du jour 3", "Atelier du jour 4"]


def test_a_cancelled_date_leaves_her_parcours_at_the_next_visit(memo_on, her, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    event = _event(
        django_capture_on_commit_callbacks, "Atelier maquillage", timezone.now() + datetime.timedelta(days=2)
    )
    assert "Atelier maquillage" in her.get("/mon-parcours/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence = event.occurrences.get()
        occurrence.is_cancelled = True
        occurrence.save()  # the date alone, as the back office's cancellation does
    assert "Atelier maquillage" not in her.get("/mon-parcours/").content.decode()


def test_a_group_that_fills_leaves_her_parcours_at_once_though_no_content_changed(
    memo_on, her, django_capture_on_commit_callbacks
):
    from tests.factories import PeerGroupFactory
    from tests.pairs.helpers import take

    with django_capture_on_commit_callbacks(execute=True):
        group = PeerGroupFactory(published=True, name="Groupe de parole du mardi", capacity=2)
    page = her.get("/mon-parcours/").content.decode()
    assert "Groupe de parole du mardi" in page and "2 places" in page
    take(group, first_name="Awa", email="awa@example.org")
    assert "1 place," in her.get("/mon-parcours/").content.decode()
    take(group, first_name="Inès", email="ines@example.org")
    assert "Groupe de parole du mardi" not in her.get("/mon-parcours/").content.decode()


def test_when_the_kept_groups_are_full_the_next_ones_are_read(memo_on, monkeypatch, django_capture_on_commit_callbacks):
    from onboarding import matching
    from tests.factories import PeerGroupFactory
    from tests.pairs.helpers import take

    monkeypatch.setattr(matching, "KEPT", 2)
    monkeypatch.setitem(matching.LIMITS, "groups", 2)
    with django_capture_on_commit_callbacks(execute=True):
        groups = [PeerGroupFactory(published=True, name=f"Groupe {n}", capacity=1) for n in range(1, 5)]
    answers, departement = _her_answers(), _departement("13")
    assert [g.name for g in matching.groups_for(answers, departement)] == ["Groupe 1", "Groupe 2"]
    take(groups[0], first_name="Awa", email="awa@example.org")
    take(groups[1], first_name="Inès", email="ines@example.org")
    assert [g.name for g in matching.groups_for(answers, departement)] == ["Groupe 3", "Groupe 4"]


def test_a_service_about_her_needs_added_to_a_structure_shows_at_the_next_visit(
    memo_on, her, organisation, django_capture_on_commit_callbacks
):
    from tests.factories import StructureFactory

    with django_capture_on_commit_callbacks(execute=True):
        structure = StructureFactory(
            owner=organisation, published=True, name="Maison des patientes", territories=[_departement("13")]
        )
    page = her.get("/mon-parcours/").content.decode()
    assert "Maison des patientes" in page and "Elle répond aux besoins que vous avez cochés." not in page
    with django_capture_on_commit_callbacks(execute=True):
        service = structure.services.create(name="Yoga adapté")
        service.themes.set(Theme.objects.filter(slug="bien-etre"))
    assert "Elle répond aux besoins que vous avez cochés." in her.get("/mon-parcours/").content.decode()


def test_the_parcours_reads_no_structure_event_or_group_list_at_a_second_visit(
    memo_on, her, organisation, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    from tests.factories import PeerGroupFactory, StructureFactory

    with django_capture_on_commit_callbacks(execute=True):
        StructureFactory(
            owner=organisation, published=True, name="Maison des patientes", territories=[_departement("13")]
        )
        PeerGroupFactory(published=True, name="Groupe de parole du mardi")
    _event(django_capture_on_commit_callbacks, "Atelier maquillage", timezone.now() + datetime.timedelta(days=2))
    her.get("/mon-parcours/")
    with django_assert_max_num_queries(10) as queries:
        page = her.get("/mon-parcours/").content.decode()
    assert all(name in page for name in ("Maison des patientes", "Groupe de parole du mardi", "Atelier maquillage"))
    lists = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(
            ('SELECT "annuaire_structure".', 'SELECT "agenda_occurrence".', 'SELECT "pairs_peergroup".')
        )
    ]
    assert lists == []


# The booklet of a département: its aids, structures and lines kept per département, its next dates per day.


def test_the_booklet_reads_no_list_at_a_second_visit_and_shows_a_new_structure_after_it_is_published(
    memo_on, client, organisation, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from tests.factories import StructureFactory

    client.get("/livret/13/")
    with django_assert_max_num_queries(3) as queries:
        page = client.get("/livret/13/").content.decode()
    assert "Maison des patientes" not in page
    read = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(('SELECT "annuaire_structure".', 'SELECT "ressources_aid".'))
    ]
    assert read == []
    with django_capture_on_commit_callbacks(execute=True):
        StructureFactory(
            owner=organisation, published=True, name="Maison des patientes", territories=[_departement("13")]
        )
    assert "Maison des patientes" in client.get("/livret/13/").content.decode()


def test_the_booklet_leaves_out_dates_over_or_beyond_sixty_days_as_time_passes(
    memo_on, django_capture_on_commit_callbacks, django_assert_num_queries
):
    import datetime

    from django.utils import timezone

    from onboarding import booklet

    now = timezone.now()
    _event(django_capture_on_commit_callbacks, "Atelier de cet après-midi", now + datetime.timedelta(hours=1))
    _event(django_capture_on_commit_callbacks, "Atelier dans deux mois", now + datetime.timedelta(days=61))
    departement = _departement("13")
    assert [o.event.title for o in booklet.booklet(departement, now=now).events] == ["Atelier de cet après-midi"]
    # The same day, later: the afternoon's workshop is over, and the one two months away is still too far.
    later = now + datetime.timedelta(hours=4)
    if timezone.localdate(later) == timezone.localdate(now):
        with django_assert_num_queries(0):
            assert booklet.booklet(departement, now=later).events == []


# A listing's filters (guichet_tags.filters_form): drawn once per address and content, never from her answers.


def test_a_listings_filters_follow_the_address_and_a_new_theme(memo_on, client, django_capture_on_commit_callbacks):
    assert '<option value="13" selected>' in client.get("/agenda/?departement=13").content.decode()
    page = client.get("/agenda/?departement=06&page=2").content.decode()
    assert '<option value="06" selected>' in page and '<option value="13" selected>' not in page
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.create(slug="sommeil", name="Sommeil et fatigue", position=99)
    assert "Sommeil et fatigue" in client.get("/agenda/?departement=13").content.decode()


def test_filters_drawn_from_her_answers_are_never_kept(memo_on, client):
    from guichet import sharedcache

    set_answers(client, {"status": "artisane", "phase": "traitement", "departement": "13"})
    page = client.get("/ressources/aides/?selon=mes-reponses").content.decode()
    assert '<option value="traitement" selected>' in page
    client.get("/ressources/aides/?departement=13")
    kept = sharedcache._memos["guichet.filters_form"][1]
    assert kept
    assert not any("traitement" in repr(key) or 'value="traitement" selected' in html for key, html in kept.items())


def test_a_search_is_read_once_then_kept_until_content_changes(
    memo_on, client, organisation, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    _publish(django_capture_on_commit_callbacks, owner=organisation, title="Prévoyance Madelin")
    assert "Prévoyance Madelin" in client.get("/recherche/?q=prevoyance").content.decode()
    with django_assert_max_num_queries(3) as queries:  # her session and the generation, no search
        page = client.get("/recherche/?q=Prévoyance")  # the same words, written otherwise
    assert "Prévoyance Madelin" in page.content.decode()
    assert not [q for q in queries.captured_queries if "search_text" in q["sql"]]
    _publish(django_capture_on_commit_callbacks, owner=organisation, title="Prévoyance des libérales")
    assert "Prévoyance des libérales" in client.get("/recherche/?q=prevoyance").content.decode()


def test_a_searched_event_whose_date_is_over_drops_out_though_nothing_was_edited(
    memo_on, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from guichet.site_search import search_everything

    now = timezone.now()
    _event(
        django_capture_on_commit_callbacks, "Atelier prévoyance de cet après-midi", now + datetime.timedelta(hours=1)
    )
    _event(django_capture_on_commit_callbacks, "Atelier prévoyance de demain", now + datetime.timedelta(days=1))

    def found(at):
        with mock.patch("django.utils.timezone.now", return_value=at):
            events = next(section for section in search_everything("prevoyance") if section.key == "evenements")
        return [event.title for event in events.results]

    assert found(now) == ["Atelier prévoyance de cet après-midi", "Atelier prévoyance de demain"]
    assert found(now + datetime.timedelta(minutes=30)) == found(now)  # kept
    assert found(now + datetime.timedelta(hours=4)) == ["Atelier prévoyance de demain"]
