"""Demo resources from content/aids.yaml, content/sheets.yaml and content/contents.yaml (format: content/README.md).
Loading twice changes nothing (rows matched on their slug, written only where a value differs). Nothing loaded here
is "vérifié": the source's own date goes to `source_date`, and `reviewed_at` stays empty until a person confirms the
entry in the back office."""

from django.core.exceptions import ValidationError

from guichet.content import ContentError, check_lengths, read_entries, without_empty
from guichet.demo import set_list, upsert
from guichet.enums import EditorialStatus, Phase, ProfessionalStatus, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from ressources.enums import Beneficiary, ContentFormat, CriterionKind
from ressources.models import Aid, AidCriterion, InspiringContent, Sheet, SheetQuestion, criteria_contradictions

M2M = ("themes", "phases", "statuses", "territories", "essential_phases")
AID_FIELDS = {
    "benefit": "",
    "audience": "",
    "conditions": "",
    "amount": "",
    "amount_year": None,
    "how_to_apply": "",
    "apply_organisation": "",
    "apply_url": "",
    "apply_phone": "",
    "paper_form": "",
    "reason": "",
}
CONTENT_FIELDS = {
    "format": "",
    "author": "",
    "publisher": "",
    "duration_minutes": None,
    "pages": None,
    "link": "",
    "transcript": "",
}


def _value(value, default):
    """A field's value as the model stores it (a phone number YAML read as a number stays text)."""
    if value is None or value == "":
        return default
    return str(value) if isinstance(default, str) else value


def _check_vocabulary(filename, data, themes, territories):
    name = data["slug"]
    vocabularies = {
        "themes": set(themes),
        "phases": set(Phase.values),
        "essential_in": set(Phase.values),
        "statuses": set(ProfessionalStatus.values),
        "territories": set(territories),
    }
    for field, allowed in vocabularies.items():
        unknown = [value for value in data.get(field) or [] if str(value) not in allowed]
        if unknown:
            raise ContentError(filename, name, field, f"valeur inconnue : {', '.join(map(str, unknown))}")
    if data.get("beneficiary", Beneficiary.PERSON) not in Beneficiary.values:
        raise ContentError(filename, name, "beneficiary", "« elle » ou « proche »")


def _check_criteria(filename, data) -> list[AidCriterion]:
    criteria = []
    for position, row in enumerate(data.get("criteria") or []):
        field = f"criteria[{position + 1}]"
        if not isinstance(row, dict) or row.get("kind") not in CriterionKind.values:
            raise ContentError(filename, data["slug"], field, f"« kind » parmi : {', '.join(CriterionKind.values)}")
        criterion = AidCriterion(
            kind=row["kind"],
            met_text=(row.get("met") or "").strip(),
            check_text=(row.get("check") or "").strip(),
            not_met_text=(row.get("not_met") or "").strip(),
            position=position,
        )
        check_lengths(
            filename,
            data["slug"],
            AidCriterion,
            {
                "met_text": criterion.met_text,
                "check_text": criterion.check_text,
                "not_met_text": criterion.not_met_text,
            },
        )
        try:
            criterion.clean()
        except ValidationError as error:
            messages = "; ".join(f"{key} : {' '.join(value)}" for key, value in error.message_dict.items())
            raise ContentError(filename, data["slug"], field, messages) from error
        criteria.append(criterion)
    for message in criteria_contradictions([c.kind for c in criteria], data.get("statuses") or []):
        raise ContentError(filename, data["slug"], "criteria", str(message))
    return criteria


def _set_relations(entry, data, themes, territories, *, new: bool):
    wanted = {
        "themes": [themes[slug] for slug in data.get("themes") or []],
        "phases": data.get("phases") or [],
        "statuses": data.get("statuses") or [],
        "territories": [territories[str(code)] for code in data.get("territories") or []],
        "essential_phases": data.get("essential_in") or [],
    }
    for name in M2M:
        if hasattr(entry, name):
            set_list(getattr(entry, name), wanted[name], new=new)


def _load(model, filename, *, owner, demo_owner, themes, territories, fields, extra=None):
    for data in read_entries(filename, required=("slug", "title", "summary")):
        _check_vocabulary(filename, data, themes, territories)
        if extra:
            extra(filename, data)
        values = {name: _value(data.get(name), default) for name, default in fields.items()}
        fictitious = bool(data.get("fictitious"))
        values.update(
            title=data["title"],
            summary=data["summary"],
            owner=demo_owner if fictitious else owner,
            status=EditorialStatus.PUBLISHED,
            source_url=data.get("source_url") or "",
            source_date=data.get("source_date"),
            is_demo=fictitious,
        )
        check_lengths(filename, data["slug"], model, {k: v for k, v in values.items() if k != "owner"})
        if model is Aid:
            check_lengths(filename, data["slug"], model, {"to_verify_note": (data.get("to_verify") or "").strip()})
        entry, created = upsert(model, {"slug": data["slug"]}, values)
        _set_relations(entry, data, themes, territories, new=created)
        yield entry, data


def _set_criteria(aid, criteria):
    current = list(aid.criteria.values_list("kind", "met_text", "check_text", "not_met_text", "position"))
    wanted = [(c.kind, c.met_text, c.check_text, c.not_met_text, c.position) for c in criteria]
    if current != wanted:
        aid.criteria.all().delete()
        for criterion in criteria:
            criterion.aid = aid
        AidCriterion.objects.bulk_create(criteria)


def load():
    owner = Organisation.objects.get(slug="equipe-guichet-unique")
    demo_owner = Organisation.objects.get(slug="entreprenantes-du-sud-demo")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    territories = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT)}
    common = {"owner": owner, "demo_owner": demo_owner, "themes": themes, "territories": territories}

    criteria = {}

    def check_aid(filename, data):
        criteria[data["slug"]] = _check_criteria(filename, data)

    for aid, data in _load(Aid, "aids.yaml", fields=AID_FIELDS, extra=check_aid, **common):
        note = (data.get("to_verify") or "").strip()
        beneficiary = data.get("beneficiary") or Beneficiary.PERSON
        if (aid.to_verify, aid.to_verify_note, aid.beneficiary) != (bool(note), note, beneficiary):
            aid.to_verify, aid.to_verify_note, aid.beneficiary = bool(note), note, beneficiary
            aid.save()
        _set_criteria(aid, criteria[data["slug"]])

    for sheet, data in _load(Sheet, "sheets.yaml", fields={"body": ""}, **common):
        questions = [(q["question"], q["answer"]) for q in data.get("questions") or []]
        current = list(sheet.questions.order_by("position").values_list("question", "answer"))
        if current != questions:
            sheet.questions.all().delete()
            SheetQuestion.objects.bulk_create(
                SheetQuestion(sheet=sheet, question=q, answer=a, position=i) for i, (q, a) in enumerate(questions)
            )
            sheet.refresh_search_text()

    def check_content(filename, data):
        if data.get("format") not in ContentFormat.values:
            raise ContentError(filename, data["slug"], "format", f"parmi : {', '.join(ContentFormat.values)}")

    for _entry, _data in _load(InspiringContent, "contents.yaml", fields=CONTENT_FIELDS, extra=check_content, **common):
        pass


def _common(entry) -> dict:
    return {
        "slug": entry.slug,
        "title": entry.title,
        "summary": entry.summary,
        "source_url": entry.source_url,
        "source_date": entry.source_date,
        "fictitious": entry.is_demo,
        "themes": [theme.slug for theme in entry.themes.all()],
        "phases": sorted(tag.pk for tag in entry.phases.all()),
        "statuses": sorted(tag.pk for tag in entry.statuses.all()),
        "territories": sorted(t.code for t in entry.territories.all()),
    }


def export_content() -> dict[str, list[dict]]:
    """The published and reviewed entries, as content/*.yaml holds them (`manage.py export_content`)."""
    related = ("themes", "phases", "statuses", "territories")
    aids = []
    for aid in Aid.objects.exclude(status=EditorialStatus.ARCHIVED).prefetch_related(*related, "essential_phases"):
        aids.append(
            {
                **_common(aid),
                **{name: getattr(aid, name) for name in AID_FIELDS},
                "to_verify": aid.to_verify_note if aid.to_verify else "",
                "beneficiary": aid.beneficiary,
                "essential_in": sorted(tag.pk for tag in aid.essential_phases.all()),
                "criteria": [
                    without_empty({"kind": c.kind, "met": c.met_text, "check": c.check_text, "not_met": c.not_met_text})
                    for c in aid.criteria.all()
                ],
            }
        )
    sheets = [
        {
            **_common(sheet),
            "body": sheet.body,
            "questions": [{"question": q.question, "answer": q.answer} for q in sheet.questions.all()],
        }
        for sheet in Sheet.objects.exclude(status=EditorialStatus.ARCHIVED).prefetch_related(*related, "questions")
    ]
    contents = [
        {**_common(content), **{name: getattr(content, name) for name in CONTENT_FIELDS}}
        for content in InspiringContent.objects.exclude(status=EditorialStatus.ARCHIVED).prefetch_related(*related)
    ]
    return {"aids.yaml": aids, "sheets.yaml": sheets, "contents.yaml": contents}
