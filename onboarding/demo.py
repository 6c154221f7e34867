"""Demo event codes for the questionnaire's entry links (/questionnaire/?source=CODE), clearly fictitious; and the
first steps of "Mon parcours" from content/first_steps.yaml (format: content/README.md)."""

from guichet import kinds
from guichet.content import ContentError, check_lengths, read_entries
from guichet.demo import set_list, upsert
from guichet.enums import Phase, ProfessionalStatus
from onboarding.models import ANSWER_CONDITIONS, FirstStep, SourceCode

CODES = [
    ("demo-salon-creation-marseille", "Forum de la création d'entreprise (démonstration, fictif)"),
    ("demo-permanence-hopital", "Permanence d'information à l'hôpital (démonstration, fictive)"),
]
FILENAME = "first_steps.yaml"


def _link(data, aids, sheets):
    name = data["slug"]
    links = [field for field in ("aid", "sheet", "url") if data.get(field)]
    if len(links) != 1:
        raise ContentError(FILENAME, name, "aid", "une démarche a un seul lien : une aide, une fiche ou une url")
    if data.get("aid") and data["aid"] not in aids:
        raise ContentError(FILENAME, name, "aid", f"aucune aide n'a le slug « {data['aid']} »")
    if data.get("sheet") and data["sheet"] not in sheets:
        raise ContentError(FILENAME, name, "sheet", f"aucune fiche n'a le slug « {data['sheet']} »")
    if data.get("url") and not str(data["url"]).startswith("/"):
        raise ContentError(FILENAME, name, "url", "une adresse de ce site, qui commence par « / »")
    return {"aid": aids.get(data.get("aid")), "sheet": sheets.get(data.get("sheet")), "url": data.get("url") or ""}


def load_first_steps():
    # A step links to an aid or a sheet (FirstStep's keys), found through the kinds of content.
    aids = {aid.slug: aid for aid in kinds.get("aides").model.objects.all()}
    sheets = {sheet.slug: sheet for sheet in kinds.get("fiches").model.objects.all()}
    answers = {value for value, _ in ANSWER_CONDITIONS}
    slugs = []
    # A step that only opens a page of the site (talk to someone, peer groups) states no fact to source.
    steps = read_entries(
        FILENAME, required=("slug", "title", "text"), source_required=lambda entry: not entry.get("url")
    )
    for data in steps:
        name = data["slug"]
        for field, allowed in (("statuses", ProfessionalStatus.values), ("phases", Phase.values)):
            unknown = [value for value in data.get(field) or [] if value not in allowed]
            if unknown:
                raise ContentError(FILENAME, name, field, f"valeur inconnue : {', '.join(map(str, unknown))}")
        for field in ("paid_mandate", "twelve_months"):
            if (data.get(field) or "") not in answers:
                raise ContentError(FILENAME, name, field, "« » (peu importe), « oui », « non » ou « nsp »")
        values = {
            "title": data["title"],
            "text": data["text"],
            "paid_mandate": data.get("paid_mandate") or "",
            "twelve_months": data.get("twelve_months") or "",
            "position": data.get("position", 100),
            "source_url": data.get("source_url") or "",
            "is_active": True,
            **_link(data, aids, sheets),
        }
        check_lengths(FILENAME, name, FirstStep, {k: v for k, v in values.items() if k not in ("aid", "sheet")})
        step, created = upsert(FirstStep, {"slug": name}, values)
        for field in ("statuses", "phases"):
            set_list(getattr(step, field), sorted(set(data.get(field) or [])), new=created)
        slugs.append(name)
    # A step removed from the file is no longer shown (kept, in case the coordinator had linked it elsewhere).
    FirstStep.objects.exclude(slug__in=slugs).update(is_active=False)


def load():
    for code, label in CODES:
        upsert(SourceCode, {"code": code}, {"label": label, "is_active": True})
    load_first_steps()


def export_content() -> dict[str, list[dict]]:
    """The first steps as content/first_steps.yaml holds them (`manage.py export_content`)."""
    steps = (
        FirstStep.objects.filter(is_active=True).select_related("aid", "sheet").prefetch_related("statuses", "phases")
    )
    return {
        FILENAME: [
            {
                "slug": step.slug,
                "title": step.title,
                "text": step.text,
                "statuses": sorted(tag.pk for tag in step.statuses.all()),
                "phases": sorted(tag.pk for tag in step.phases.all()),
                "paid_mandate": step.paid_mandate,
                "twelve_months": step.twelve_months,
                "aid": step.aid.slug if step.aid else "",
                "sheet": step.sheet.slug if step.sheet else "",
                "url": step.url,
                "position": step.position,
                "source_url": step.source_url,
            }
            for step in steps
        ]
    }
