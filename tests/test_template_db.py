"""The suite's database (tests/helpers/template_db.py): each process copies a migrated template, and a test that
commits — whose tables Django empties after it — leaves the database as the template made it for the next tests of
its process (tests/conftest.py, pytest_runtest_teardown), on SQLite and on PostgreSQL."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from guichet.models import Organisation, Territory, Theme
from tests.conftest import _database
from tests.helpers import template_db


@pytest.mark.django_db(transaction=True)
def test_after_a_test_that_commits_the_database_is_as_the_template_made_it():
    themes = sorted(Theme.objects.values_list("pk", "slug"))
    territories = Territory.objects.count()
    permission = Permission.objects.get(codename="change_organisation")
    Organisation.objects.create(name="Association d'un test qui valide", slug="valide")
    # What Django does after such a test: every table emptied, content types and permissions drawn again.
    call_command("flush", interactive=False, verbosity=0)
    assert not Theme.objects.exists()

    template_db.restore(_database["prepared"])

    assert sorted(Theme.objects.values_list("pk", "slug")) == themes
    assert Territory.objects.count() == territories
    assert not Organisation.objects.filter(slug="valide").exists()
    assert Permission.objects.get(codename="change_organisation").pk == permission.pk
    assert ContentType.objects.get_for_model(Organisation).pk == permission.content_type_id
    # New rows take keys of their own (PostgreSQL's sequences were not put back below the restored rows).
    assert Organisation.objects.create(name="Une autre", slug="autre").pk
    assert Theme.objects.create(name="Un thème de plus", slug="theme-de-plus").pk not in dict(themes)


@pytest.mark.django_db(transaction=True)
def test_the_database_is_made_again_while_another_session_of_ours_still_uses_it():
    """Found on CI: `DROP DATABASE … WITH (FORCE)` refused because an autovacuum worker was in the database, which a
    role that is not a superuser may not stop. The database is now dropped without FORCE after our own sessions are
    closed; this is what it must still get past (the autovacuum worker's case, which cannot be started at will, was
    reproduced by hand: tests/helpers/template_db.py, `_drop`)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL seulement : SQLite copie le modèle dans la même base")
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )
    try:
        Organisation.objects.create(name="Association d'un test qui valide", slug="valide")
        template_db.restore(_database["prepared"])
        assert not Organisation.objects.filter(slug="valide").exists()
        with pytest.raises(psycopg.OperationalError):  # ended by the server
            other.execute("SELECT 1")
    finally:
        other.close()
