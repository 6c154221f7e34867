"""PostgreSQL only: the pg_trgm extension and a trigram index on every searchable table's `search_text`, for the
site-wide, typo-tolerant search (guichet/search.py). Nothing happens on SQLite."""

from django.db import migrations

TABLES = [
    "ressources_sheet",
    "ressources_aid",
    "ressources_inspiringcontent",
    "annuaire_structure",
    "agenda_event",
    "pairs_peergroup",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_initial"),
        ("ressources", "0002_aid_questionnaire_conditions"),
        ("annuaire", "0003_contact_request_answers"),
        ("agenda", "0002_event_peer_group"),
        ("pairs", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
