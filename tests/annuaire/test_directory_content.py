"""The directory read from content/structures.yaml: real entries are sourced, fictitious ones show no contact details,
every PACA département has its real structures, and a bad entry is refused with a message naming the file, the entry
and the field."""

from collections import Counter

import pytest

from annuaire import demo as directory
from annuaire.demo import CONTENT_FILE, read_structures
from annuaire.models import Structure
from guichet import demo as shared
from guichet.content import ContentError

pytestmark = pytest.mark.django_db

PACA = ("04", "05", "06", "13", "83", "84")


@pytest.fixture
def entries():
    return read_structures()


def _load():
    """The shared demo rows (organisations) and the directory, without the other apps' content."""
    shared.load()
    directory.load()


def _real(entries):
    return [entry for entry in entries if not entry.get("fictitious")]


def test_the_file_loads_and_loading_twice_changes_nothing():
    _load()
    entries = read_structures()
    assert Structure.objects.filter(slug__in=[e["slug"] for e in entries]).count() == len(entries)
    first = list(Structure.objects.order_by("pk").values())
    services = list(Structure.objects.order_by("pk").values_list("services__pk", "services__name"))
    _load()
    assert list(Structure.objects.order_by("pk").values()) == first
    assert list(Structure.objects.order_by("pk").values_list("services__pk", "services__name")) == services


def test_every_real_entry_has_a_source(entries):
    for entry in _real(entries):
        assert entry["source_url"].startswith(("https://", "http://")), entry["slug"]
        assert entry.get("source_note"), entry["slug"]


def test_no_fictitious_entry_has_a_phone_or_an_address(entries):
    fictitious = [entry for entry in entries if entry.get("fictitious")]
    assert 2 <= len(fictitious) <= 4
    for entry in fictitious:
        assert not entry.get("phone") and not entry.get("address") and not entry.get("postal_code"), entry["slug"]
        assert "fictif" in entry["name"]


def test_fictitious_entries_are_demo_rows_of_the_demo_organisation():
    _load()
    for structure in Structure.objects.filter(is_demo=True):
        assert structure.owner.slug == "entreprenantes-du-sud-demo"
        assert structure.phone == "" and structure.address == ""
    assert not Structure.objects.filter(is_demo=False, source_url="").exists()


def test_at_least_sixty_real_structures(entries):
    assert len(_real(entries)) >= 60


def test_at_least_six_real_structures_in_every_paca_departement(entries):
    """Counted on the département itself: région-wide and national entries come on top."""
    counts = Counter(code for entry in _real(entries) for code in entry.get("territories") or [])
    assert {code: counts[code] for code in PACA if counts[code] < 6} == {}


def test_the_region_code_reaches_the_region_territory():
    _load()
    carsat = Structure.objects.get(slug="carsat-sud-est")
    assert [(t.kind, t.code) for t in carsat.territories.all()] == [("region", "93")]


BAD_ENTRIES = [
    ("real-without-source", "source_url", "- slug: sans-source\n  name: Sans source\n"),
    (
        "fictive-with-phone",
        "phone",
        "- slug: fictive\n  name: Fictive (fictif)\n  phone: 04 00 00 00 00\n  fictitious: true\n",
    ),
    (
        "fictive-with-address",
        "address",
        "- slug: fictive\n  name: Fictive (fictif)\n  address: 1 rue de la Paix\n  fictitious: true\n",
    ),
    ("unknown-category", "category", "- slug: categorie\n  name: Catégorie\n  category: hopital\n"),
    ("unknown-territory", "territories", '- slug: territoire\n  name: Territoire\n  territories: ["99"]\n'),
    ("unknown-region", "region", '- slug: region\n  name: Région\n  region: "99"\n'),
    (
        "unknown-theme",
        "themes",
        "- slug: theme\n  name: Thème\n  services:\n    - name: Un service\n      themes: [jardinage]\n",
    ),
    (
        "unknown-phase",
        "phases",
        "- slug: phase\n  name: Phase\n  services:\n    - name: Un service\n      phases: [pendant]\n",
    ),
    ("bad-hours", "opening_hours", '- slug: horaires\n  name: Horaires\n  opening_hours: "lundi 9h-12h"\n'),
    ("typo", "adress", "- slug: faute\n  name: Faute\n  adress: 1 rue de la Paix\n"),
]
VALID_TAIL = (
    "  kind: structure\n  summary: Une entrée de test.\n  source_url: https://example.org/page\n"
    "  source_note: La page de test.\n"
)


def _with_defaults(text: str) -> str:
    """A minimal entry, with the bad field already in `text`; fields it sets are not added twice."""
    lines = text.rstrip("\n").split("\n")
    if not any(line.startswith("  category:") for line in lines):
        lines.append("  category: association")
    tail = VALID_TAIL
    if any(line.startswith("  fictitious: true") for line in lines):
        tail = "  kind: structure\n  summary: Une entrée de test.\n"
    elif "sans-source" in text:
        tail = "  kind: structure\n  summary: Une entrée de test.\n"
    return "\n".join(lines) + "\n" + tail


@pytest.mark.parametrize(("case", "field", "text"), BAD_ENTRIES, ids=[case for case, _, _ in BAD_ENTRIES])
def test_the_schema_check_names_the_file_the_entry_and_the_field(tmp_path, case, field, text):
    path = tmp_path / "structures.yaml"
    path.write_text(_with_defaults(text), encoding="utf-8")
    slug = text.split("\n")[0].removeprefix("- slug: ")
    with pytest.raises(ContentError) as raised:
        read_structures(path)
    message = str(raised.value)
    assert "structures.yaml" in message and f"« {slug} »" in message and f"« {field} »" in message, message
    assert (raised.value.filename, raised.value.entry, raised.value.field) == ("structures.yaml", slug, field)


def test_a_phone_needs_a_source(tmp_path):
    path = tmp_path / "structures.yaml"
    path.write_text(
        "- slug: telephone\n  name: Téléphone\n  kind: structure\n  category: association\n  summary: Test.\n"
        "  phone: 04 00 00 00 00\n  source_url: ''\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="source_url"):
        read_structures(path)


def test_the_real_file_passes_the_check():
    assert read_structures(CONTENT_FILE)
