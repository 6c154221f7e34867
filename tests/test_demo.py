from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from guichet.models import Announcement, Organisation, User
from ressources.models import Aid
from tests.helpers import demo_rows
from tests.helpers.mfa import record_second_factor

pytestmark = pytest.mark.django_db


# The apps whose demo content load_demo writes (every table of theirs, the many-to-many ones and the history too).
DEMO_APPS = ("guichet", "ressources", "annuaire", "agenda", "pairs", "onboarding", "alertes", "account")


def _snapshot():
    """Every row of every table of the demo's apps, as it is."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DEMO_APPS
    }


def test_demo_loader_is_idempotent():
    call_command("load_demo", force=True, stdout=StringIO())
    first = _snapshot()
    for label in ("guichet.User", "guichet.Announcement", "ressources.Aid", "annuaire.Structure", "agenda.Event"):
        assert first[label], label
    assert first["pairs.PeerGroup"] and first["onboarding.FirstStep"] and first["annuaire.Service_themes"]
    call_command("load_demo", force=True, stdout=StringIO())
    second = _snapshot()
    assert [label for label in first if second[label] != first[label]] == []


def test_the_demo_rows_put_back_in_a_test_are_what_the_loader_writes():
    """tests/helpers/demo_rows.py: the demo content loaded once per process and put back in each test that reads it is
    exactly what the loader writes (loading it again on top changes no row of any table), and rows created afterwards
    get keys of their own."""
    demo_rows.put_back()
    put_back = _snapshot()
    assert put_back["annuaire.Structure"] and put_back["agenda.Event"] and put_back["guichet.User"]
    call_command("load_demo", force=True, stdout=StringIO())
    again = _snapshot()
    assert [label for label in put_back if again[label] != put_back[label]] == []
    created = Organisation.objects.create(name="Nouvelle association", slug="nouvelle-association")
    assert created.pk > max(row["id"] for row in put_back["guichet.Organisation"])


def test_demo_loader_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_demo_content_is_sourced_or_marked_fictitious():
    demo_rows.put_back()
    for announcement in Announcement.objects.all():
        assert announcement.source_url or announcement.is_demo, announcement
        if announcement.is_demo:
            assert "fictive" in announcement.summary.lower() or "démonstration" in announcement.title.lower()
    for organisation in Organisation.objects.filter(is_demo=True):
        assert "fictive" in organisation.name
    # Demo accounts are on a reserved domain that can never receive mail.
    assert all(email.endswith(".invalid") for email in User.objects.values_list("email", flat=True))


def test_demo_accounts_can_use_the_back_office_with_their_role(client):
    demo_rows.put_back()
    assert client.login(email="operatrice@demo.guichet.invalid", password="guichet-demo")
    # Then the code of her authenticator app, which the back office asks for (issue 17, point 2).
    record_second_factor(client, User.objects.get(email="operatrice@demo.guichet.invalid"))
    html = client.get("/admin/guichet/announcement/").content.decode()
    assert "Démonstration : une permanence" in html
    assert "Cancer du sein : une loi" not in html  # owned by the coordinator's team


def test_bench_data_generator_runs_and_is_deterministic():
    demo_rows.put_back()
    call_command("generate_bench_data", force=True, scale=0.01, stdout=StringIO())
    first = list(Aid.objects.filter(slug__startswith="bench-").order_by("slug").values_list("slug", "title"))
    assert len(first) == 10
    call_command("generate_bench_data", force=True, scale=0.01, stdout=StringIO())
    assert list(Aid.objects.filter(slug__startswith="bench-").order_by("slug").values_list("slug", "title")) == first
