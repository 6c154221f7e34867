"""The published aids, sheets, first steps and départements each process keeps for the parcours
(guichet.sharedcache.memo): read once, then no query for them until content changes anywhere, and a publication, a
changed condition or a changed list shows at the next visit."""

import pytest

from guichet.models import Theme
from ressources.enums import CriterionKind
from tests.factories import AidFactory, _departement
from tests.onboarding.test_parcours import set_answers

CATALOGUE_TABLES = ("ressources_aid", "ressources_sheet", "onboarding_firststep", "guichet_territory")


@pytest.fixture
def memo_on(settings):
    settings.GUICHET_CONTENT_MEMO = True


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
