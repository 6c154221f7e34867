"""No enum value retyped as a string (issue 20, point 3): rename `EditorialStatus.PUBLISHED`'s value and every
`"publie"` written by hand elsewhere would silently stop matching while its tests, written the same way, still pass.

Every enum of the project's apps (the `TextChoices` of their `enums.py` and models, and the plain enums their views
reach) gives its values; the project's Python (without migrations, which must keep the values of their day, and
without the test modules and the benchmark, which post and read what a browser does; with the factories and test
helpers) and its templates must not quote them as values. The member (`EventKind.WORKSHOP`) or an intent-named
model property (`request.is_new`) says the same thing and follows a rename.

Where a quoted value is tied to a field that holds that enum (`status="archive"`, `"kind": "atelier"`,
`entry.kind == "aides"`), it always counts, even for a common word or an empty value. Elsewhere a few values are
also ordinary words in another meaning: see `OTHER_MEANINGS`.
"""

import ast
import enum
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parent.parent

# Values that are also ordinary words with another meaning in this code: quoted alone, they are not taken for the
# enum (tied to a field of that enum they still are). Each with where the other meaning is.
OTHER_MEANINGS = {
    "email": "a field name (her address, a user's login) and allauth's login method",
    "departement": "a field name and a query parameter (the territory kind is spelt TerritoryKind.DEPARTEMENT)",
    "national": "a word of the spreadsheet import, read as TerritoryKind.NATIONAL there",
    "structure": "a field name (the structure of a contact request)",
    "oui": "yes in environment variables, spreadsheets and a checkbox's value",
    "non": "no in environment variables and spreadsheets",
    "elle": "the pronoun of the eligibility sentences",
    "gratuit": "a value of data·inclusion's `frais` in the open-data export",
    "payant": "a value of data·inclusion's `frais` in the open-data export",
    "archive": "the name of the transition method and of its admin action, and a URL name",
    "injoignable": "the health check's word for a database it cannot reach",
    "envoye": "the `?message=envoye` flag of the page shown once a contact request is sent",
}

# Keywords (and class attributes) whose value names a field, a URL or a label: never a value of the field.
NAMING_KEYWORDS = {
    "name",
    "verbose_name",
    "verbose_name_plural",
    "related_name",
    "attribute",
    "fields",
    "update_fields",
    "column_name",
}

# The lookups that may end a keyword argument (`status__in=[…]` is about `status`).
LOOKUPS = {"in", "exact", "iexact", "ne"}

TEMPLATE_EXPRESSION = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
TEMPLATE_STRING = re.compile(r"""(["'])([^"'{}%]*?)\1""")


@dataclass(frozen=True)
class Member:
    enum: type
    name: str

    def __str__(self):
        return f"{self.enum.__qualname__}.{self.name} ({self.enum.__module__})"


def _project_apps():
    return [config for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def _project_enums() -> list[type]:
    """Every enum class defined in the project's apps, once their enums, models and views are imported."""
    names = {config.name for config in _project_apps()}
    for name in names:
        try:
            importlib.import_module(f"{name}.enums")
        except ModuleNotFoundError:
            pass
    get_resolver().url_patterns  # imports every view, and the services and enums they use  # noqa: B018

    found, todo = {}, list(enum.Enum.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in names and list(cls):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def _members_by_value() -> dict[str, list[Member]]:
    by_value = {}
    for cls in _project_enums():
        for member in cls:
            if isinstance(member.value, str):
                by_value.setdefault(member.value, []).append(Member(cls, member.name))
    return by_value


def _enums_by_field_name(enums: list[type]) -> dict[str, set[type]]:
    """The names of the model fields that hold an enum's values (`status`, `kind`, and `phases`, a relation to rows
    keyed by Phase), with that enum; a relation to other rows (`themes`) with none: its values are theirs."""
    by_name = {}
    for model in apps.get_models():
        if Path(apps.get_app_config(model._meta.app_label).path).parent != ROOT:
            continue
        for field in model._meta.get_fields():
            holder = field.related_model._meta.pk if field.is_relation and field.related_model else field
            choices = getattr(holder, "flatchoices", None)
            if field.is_relation and not choices:
                by_name.setdefault(field.name, set())  # rows (themes, a département), never an enum's values
            if not choices:
                continue
            values = {str(value) for value, _ in choices}
            for cls in enums:
                if {member.value for member in cls} == values:
                    by_name.setdefault(field.name, set()).add(cls)
    return by_name


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or parts[0] == "bench" or "migrations" in parts:
            continue  # the benchmark, as the test modules, drives the site from outside with what a browser sends
        if parts[0] == "tests" and not (parts[1] == "factories.py" or parts[1] == "helpers"):
            continue
        yield path


def _template_files():
    for config in _project_apps():
        yield from (Path(config.path) / "templates").rglob("*.*")
    yield from (ROOT / "templates").rglob("*.*")


def _key(node) -> str | None:
    """The name a value is tied to: `x.status`, `status`, `data["status"]`, `data.get("status")`."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        first = node.args[0]
        return first.value if isinstance(first, ast.Constant) else None
    return None


def _keyword_field(keyword: str) -> str:
    parts = [part for part in keyword.split("__") if part not in LOOKUPS]
    return parts[-1] if parts else keyword


def _strings(node, key):
    """The string constants of a value, with the name they are tied to: itself, or the items of a tuple, list or set
    written in place."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node, key
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for item in node.elts:
            yield from _strings(item, key)


def _is_enum(node) -> bool:
    names = (base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "") for base in node.bases)
    return any(name.endswith(("Choices", "Enum")) for name in names)


def _valued_strings(tree):
    """Each string constant of the module quoted as a value, with the name it is tied to (or None); not the values an
    enum's own body gives its members."""
    definitions = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and _is_enum(node):
            for item in node.body:
                if isinstance(item, ast.Assign):
                    definitions.update(id(constant) for constant in ast.walk(item.value))
    for node, key in _placed_strings(tree):
        if id(node) not in definitions:
            yield node, key


def _placed_strings(tree):
    """String constants where a value goes: a keyword argument, a dict value, a comparison, an assignment, a return,
    a conditional expression, the default of `.get()`. Not a positional argument (a field name, a label, a key)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg and node.arg not in NAMING_KEYWORDS:
            yield from _strings(node.value, _keyword_field(node.arg))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Attribute):
                    continue  # `{ProfessionalStatus.ARTISAN: "artisane"}` says a member in other words
                name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
                yield from _strings(value, name)
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for index, operand in enumerate(operands):
                others = [_key(other) for other in operands[:index] + operands[index + 1 :]]
                yield from _strings(operand, next((key for key in others if key), None))
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if _key(targets[0]) not in NAMING_KEYWORDS:
                yield from _strings(node.value, _key(targets[0]))
        elif isinstance(node, ast.Return) and node.value is not None:
            yield from _strings(node.value, None)
        elif isinstance(node, ast.IfExp):
            yield from _strings(node.body, None)
            yield from _strings(node.orelse, None)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            if len(node.args) == 2:  # the default of `data.get("mode", "sur-place")`
                yield from _strings(node.args[1], _key(node))


def _offence(where, value, members, tied_to: set[type] | None) -> str | None:
    """What to say of a quoted value: always when it is a value of the enum its field holds; never when its field
    holds rows (a theme's slug); otherwise unless it is empty or a word with another meaning."""
    tied = [member for member in members if member.enum in (tied_to or ())]
    if not tied and (tied_to == set() or value in OTHER_MEANINGS or not value):
        return None
    if tied or members:
        return f"{where} : « {value} » → {' ou '.join(map(str, tied or members))}"
    return None


def _source_offences(source: str, name: str, by_value, by_field) -> list[str]:
    offences = []
    for node, key in _valued_strings(ast.parse(source, filename=name)):
        offence = _offence(f"{name}:{node.lineno}", node.value, by_value.get(node.value, []), by_field.get(key))
        if offence:
            offences.append(offence)
    return offences


def _python_offences(by_value, by_field) -> list[str]:
    offences = []
    for path in _python_files():
        offences += _source_offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), by_value, by_field)
    return offences


def _text_offences(text: str, name: str, by_value) -> list[str]:
    """Quoted values inside `{% … %}` and `{{ … }}`: not in the HTML around them (classes, field names, paths)."""
    offences = []
    for expression in TEMPLATE_EXPRESSION.finditer(text):
        for string in TEMPLATE_STRING.finditer(expression.group(0)):
            line = text.count("\n", 0, expression.start() + string.start()) + 1
            offence = _offence(f"{name}:{line}", string.group(2), by_value.get(string.group(2), []), None)
            if offence:
                offences.append(offence)
    return offences


def _template_offences(by_value) -> list[str]:
    offences = []
    for path in _template_files():
        offences += _text_offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), by_value)
    return offences


def test_every_enum_and_field_is_found():
    by_value = _members_by_value()
    by_field = _enums_by_field_name(_project_enums())
    assert {"publie", "atelier", "nouvelle", "confirmee", "deja-confirmee", "imprime"} <= set(by_value)
    names = {cls.__name__ for cls in by_field["status"]}
    assert {"EditorialStatus", "RegistrationStatus"} <= names
    assert {cls.__name__ for cls in by_field["phases"]} == {"Phase"}


def test_a_quoted_value_is_found_with_its_place_and_member_and_other_words_are_not():
    by_value = _members_by_value()
    by_field = _enums_by_field_name(_project_enums())
    source = """
entries = Event.objects.exclude(status="archive").filter(repeat="")
if structure.kind == "application":
    demo = {"kind": "atelier", "phases": ["traitement"], "themes": ["reconversion"]}
mode = data.get("mode", "sur-place")
for name in ("publish", "archive"):
    ADMIN_FIELDS = ("email", "departement")
TRUE = {"oui", "1"}
PHRASES = {ProfessionalStatus.ARTISAN: "artisane"}
field = models.CharField("inscription", verbose_name="fiche")
"""
    assert sorted(_source_offences(source, "exemple.py", by_value, by_field)) == [
        "exemple.py:2 : «  » → Repeat.NONE (agenda.enums)",
        "exemple.py:2 : « archive » → EditorialStatus.ARCHIVED (guichet.enums)",
        "exemple.py:3 : « application » → StructureKind.APPLICATION (annuaire.enums)",
        "exemple.py:4 : « atelier » → EventKind.WORKSHOP (agenda.enums)",
        "exemple.py:4 : « traitement » → Phase.TREATMENT (guichet.enums)",
        "exemple.py:5 : « sur-place » → Mode.ON_SITE (agenda.enums)",  # the field `mode` says which enum
    ]


def test_a_quoted_value_in_a_template_is_found_and_the_html_around_is_not():
    text = """<p class="atelier">{{ entry.title|default:'sans titre' }}</p>
{% if request.state == 'nouvelle' %}<input name="email" value="oui">{% endif %}
{% url 'agenda:archive' %}{% include "pairs/emails/_footer.txt" with kind="visio" %}"""
    assert _text_offences(text, "exemple.html", _members_by_value()) == [
        "exemple.html:2 : « nouvelle » → RequestState.NEW (annuaire.contact)",
        "exemple.html:3 : « visio » → GroupFormat.VIDEO (pairs.enums)",
    ]


def test_no_enum_value_is_quoted_in_python():
    offences = _python_offences(_members_by_value(), _enums_by_field_name(_project_enums()))
    assert not offences, "Valeurs d'énumération recopiées, à remplacer par le membre :\n" + "\n".join(offences)


def test_no_enum_value_is_quoted_in_templates():
    offences = _template_offences(_members_by_value())
    assert not offences, (
        "Valeurs d'énumération recopiées dans un gabarit, à remplacer par une propriété du modèle au nom parlant "
        "ou par l'énumération passée au gabarit :\n" + "\n".join(offences)
    )
