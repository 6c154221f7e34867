"""Demo resources: the sourced aids, sheets and contents of demo_aids.py and demo_sheets.py. Loading twice changes
nothing (rows matched on their slug, written only where a value differs)."""

from guichet.demo import aware, upsert
from guichet.enums import EditorialStatus, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from ressources.demo_aids import AIDS
from ressources.demo_sheets import CONTENT_REVIEWED, CONTENTS, SHEETS
from ressources.models import Aid, InspiringContent, Sheet, SheetQuestion

M2M = ("themes", "phases", "statuses", "territories")


def _set_relations(entry, data, themes, departements):
    wanted = {
        "themes": [themes[slug] for slug in data.get("themes", [])],
        "phases": data.get("phases", []),
        "statuses": data.get("statuses", []),
        "territories": [departements[code] for code in data.get("territories", [])],
    }
    for name in M2M:
        current = {obj.pk for obj in getattr(entry, name).all()}
        target = {obj.pk if hasattr(obj, "pk") else obj for obj in wanted[name]}
        if current != target:
            getattr(entry, name).set(wanted[name])


def _load(model, rows, *, owner, demo_owner, themes, departements, fields):
    for data in rows:
        values = {name: data.get(name, default) for name, default in fields.items()}
        is_demo = data.get("is_demo", False)
        reviewed = data.get("reviewed")
        values.update(
            title=data["title"],
            summary=data["summary"],
            owner=demo_owner if is_demo else owner,
            status=EditorialStatus.PUBLISHED,
            source_url=data.get("source_url", ""),
            reviewed_at=aware(reviewed) if reviewed else None,
            is_demo=is_demo,
        )
        entry, _ = upsert(model, {"slug": data["slug"]}, values)
        _set_relations(entry, data, themes, departements)
        yield entry, data


def load():
    owner = Organisation.objects.get(slug="equipe-guichet-unique")
    demo_owner = Organisation.objects.get(slug="entreprenantes-du-sud-demo")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    departements = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT)}
    common = {"owner": owner, "demo_owner": demo_owner, "themes": themes, "departements": departements}

    aid_fields = {
        "benefit": "",
        "audience": "",
        "conditions": "",
        "amount": "",
        "amount_year": None,
        "how_to_apply": "",
        "apply_organisation": "",
        "apply_url": "",
        "apply_phone": "",
        "to_verify_note": "",
        "requires_twelve_months": False,
        "requires_paid_mandate": False,
    }
    for aid, data in _load(Aid, AIDS, fields=aid_fields, **common):
        to_verify = bool(data.get("to_verify_note"))
        if aid.to_verify != to_verify:
            aid.to_verify = to_verify
            aid.save()

    for sheet, data in _load(Sheet, SHEETS, fields={"body": ""}, **common):
        questions = [(q, a) for q, a in data.get("questions", [])]
        current = list(sheet.questions.order_by("position").values_list("question", "answer"))
        if current != questions:
            sheet.questions.all().delete()
            SheetQuestion.objects.bulk_create(
                SheetQuestion(sheet=sheet, question=q, answer=a, position=i) for i, (q, a) in enumerate(questions)
            )
            sheet.refresh_search_text()

    content_fields = {
        "format": "",
        "author": "",
        "publisher": "",
        "duration_minutes": None,
        "pages": None,
        "link": "",
        "transcript": "",
    }
    rows = [{**data, "reviewed": CONTENT_REVIEWED.get(data["slug"])} for data in CONTENTS]
    for _entry, _data in _load(InspiringContent, rows, fields=content_fields, **common):
        pass
