"""Opening hours: a day-by-day editor in the back office, the hours read in French everywhere, the OpenStreetMap code
never typed by an operator nor lost."""

import datetime
import itertools
from html.parser import HTMLParser

import opening_hours
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from annuaire.hours_form import OpeningHoursField, TypedHours
from annuaire.models import Structure
from annuaire.opening_hours import Closure, TimeRange, WeeklyHours, in_french, is_open, parse
from guichet.content import read_entries
from tests.factories import StructureFactory

T = datetime.time
D = datetime.date

MORNING = TimeRange(T(9), T(12))
AFTERNOON = TimeRange(T(14), T(17, 30))
LONG_DAY = TimeRange(T(8, 15), T(18, 45))
EXCEPTION_PATTERNS = [
    {},
    {"closed_on_public_holidays": True},
    {"closures": (Closure(D(2027, 8, 1), D(2027, 8, 31)),)},
    {"closed_on_public_holidays": True, "closures": (Closure(D(2027, 12, 24), D(2027, 12, 24)),)},
    {"closures": (Closure(D(2027, 7, 25), D(2027, 8, 2)), Closure(D(2027, 12, 27), D(2028, 1, 2)))},
]


def every_pattern():
    """Every shape of week the editor can produce: each of the seven days closed, open once (in the morning on
    Monday, Wednesday, Friday and Sunday, all day on the other days, so that equal days are apart or side by side)
    or open twice; each week with one of the exception patterns in turn."""
    shapes = [[(), (MORNING if index % 2 == 0 else LONG_DAY,), (MORNING, AFTERNOON)] for index in range(7)]
    for number, days in enumerate(itertools.product(*shapes)):
        yield WeeklyHours(days=days, **EXCEPTION_PATTERNS[number % len(EXCEPTION_PATTERNS)])


def as_post_data(typed: TypedHours, name="opening_hours") -> dict[str, str]:
    """What a browser sends for the editor's inputs."""
    data = {}
    for code, pairs in zip(["mo", "tu", "we", "th", "fr", "sa", "su"], typed.days, strict=True):
        for slot, (start, end) in enumerate(pairs, start=1):
            data[f"{name}_{code}_{slot}_start"] = start
            data[f"{name}_{code}_{slot}_end"] = end
    for index, (start, end) in enumerate(typed.closures):
        data[f"{name}_closure_{index}_start"] = start
        data[f"{name}_closure_{index}_end"] = end
    if typed.holidays:
        data[f"{name}_holidays"] = "on"
    return data


def open_ranges(expression: str, monday: datetime.datetime) -> list[list[tuple[datetime.time, datetime.time]]]:
    """What the library makes of the hours, day by day, for the week starting on that Monday."""
    days = [[] for _ in range(7)]
    for start, end, state, _ in parse(expression).intervals(monday, monday + datetime.timedelta(days=7)):
        if state == opening_hours.State.OPEN:
            days[start.weekday()].append((start.time(), end.time()))
    return days


def test_round_trip_over_every_pattern_the_editor_can_produce():
    ordinary_monday = datetime.datetime(2027, 3, 8)  # no public holiday, no closure
    count = 0
    for hours in every_pattern():
        # Editor inputs → OSM string → parse back into the editor → the same inputs.
        typed = TypedHours.from_hours(hours)
        read, errors = TypedHours.from_data(as_post_data(typed), "opening_hours").clean()
        assert not errors and read == hours
        expression = read.to_osm()
        back = WeeklyHours.from_osm(expression)
        assert back == hours, expression
        assert TypedHours.from_hours(back) == typed
        # The code means what the editor shows: no later rule silently replaces a day.
        assert hours.is_empty or parse(expression) is not None, expression
        if expression:
            expected = [[(r.start, r.end) for r in ranges] for ranges in hours.days]
            assert open_ranges(expression, ordinary_monday) == expected, expression
        count += 1
    assert count == 3**7
    assert WeeklyHours.from_osm("") == WeeklyHours() and WeeklyHours().to_osm() == ""


def test_exceptions_close_the_structure_on_those_days():
    expression = WeeklyHours(
        days=((MORNING,),) * 5 + ((), ()),
        closed_on_public_holidays=True,
        closures=(Closure(D(2027, 8, 1), D(2027, 8, 31)), Closure(D(2027, 12, 24), D(2027, 12, 24))),
    ).to_osm()
    assert expression == "Mo-Fr 09:00-12:00; PH off; 2027 Aug 01-2027 Aug 31 off; 2027 Dec 24 off"
    assert is_open(expression, now=timezone.make_aware(datetime.datetime(2027, 7, 13, 10))) is True
    assert is_open(expression, now=timezone.make_aware(datetime.datetime(2027, 7, 14, 10))) is False  # 14 juillet
    assert is_open(expression, now=timezone.make_aware(datetime.datetime(2027, 8, 16, 10))) is False
    assert is_open(expression, now=timezone.make_aware(datetime.datetime(2027, 9, 1, 10))) is True
    assert is_open(expression, now=timezone.make_aware(datetime.datetime(2027, 12, 24, 10))) is False


def test_public_holidays_are_french_ones():
    # Without a country the library knows no holiday: "PH off" was ignored and the page said "ouvert" on 14 July.
    assert is_open("Mo-Fr 09:00-12:00; PH off", now=timezone.make_aware(datetime.datetime(2026, 7, 14, 10))) is False


@pytest.mark.parametrize(
    ("expression", "french"),
    [
        (
            "Mo-Tu,Th-Fr 09:00-12:00; We 09:00-12:00,14:00-17:00",
            "Du lundi au vendredi : 9 h – 12 h ; le mercredi aussi 14 h – 17 h. Fermé le samedi et le dimanche.",
        ),
        (
            "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off",
            "Du lundi au vendredi : 9 h – 12 h et 14 h – 17 h 30. Le samedi : 9 h – 12 h. Fermé le dimanche. "
            "Fermé les jours fériés.",
        ),
        ("Mo-Su 10:00-18:00", "Tous les jours : 10 h – 18 h."),
        (
            "Mo,We 09:00-12:00; 2027 Aug 01-2027 Aug 31 off; 2027 Dec 24 off; 2027 Dec 27-2028 Jan 02 off",
            "Le lundi et le mercredi : 9 h – 12 h. Fermé le mardi et du jeudi au dimanche. Fermé du 1er au 31 août "
            "2027. Fermé le 24 décembre 2027. Fermé du 27 décembre 2027 au 2 janvier 2028.",
        ),
        ("Mo-Fr 08:00-18:30", "Du lundi au vendredi : 8 h – 18 h 30. Fermé le samedi et le dimanche."),
        ("", "Non renseignés."),
    ],
)
def test_hours_read_in_plain_french_with_days_grouped(expression, french):
    assert in_french(expression) == french


def test_a_later_rule_replacing_a_day_is_shown_as_it_is_published():
    # The finding: this code was meant as "and Wednesday afternoon too", but publishes Wednesday 14 h – 17 h only.
    expression = "Mo-Fr 09:00-12:00; We 14:00-17:00"
    assert in_french(expression).startswith(
        "Le lundi, le mardi, le jeudi et le vendredi : 9 h – 12 h. Le mercredi : 14"
    )
    # What the editor writes for "and Wednesday afternoon too" opens Wednesday morning.
    hours = WeeklyHours(days=((MORNING,), (MORNING,), (MORNING, AFTERNOON), (MORNING,), (MORNING,), (), ()))
    wednesday_10 = timezone.make_aware(datetime.datetime(2026, 11, 25, 10))
    assert is_open(hours.to_osm(), now=wednesday_10) is True
    assert is_open(expression, now=wednesday_10) is False


def test_values_the_editor_cannot_show_are_read_this_week():
    now = timezone.make_aware(datetime.datetime(2026, 11, 24, 10))
    for expression in ("Sa-Mo 10:00-12:00", "Mo-Fr 09:00-12:00; PH 10:00-12:00", "24/7", "PH off"):
        assert WeeklyHours.from_osm(expression) is None, expression
    assert in_french("Sa-Mo 10:00-12:00", now=now).startswith("Cette semaine : lundi 10 h – 12 h ; mardi fermé")


def test_the_content_file_hours_open_in_the_editor():
    values = [entry["opening_hours"] for entry in read_entries("structures.yaml") if entry.get("opening_hours")]
    assert values
    for value in values:
        assert WeeklyHours.from_osm(value) is not None, value


# The field on its own.


def clean(data, original=""):
    field = OpeningHoursField()
    field.original = original
    return field.clean(field.widget.value_from_datadict(data, {}, "opening_hours"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"opening_hours_mo_1_start": "14:00", "opening_hours_mo_1_end": "12:00"}, "Lundi : la fermeture (12 h)"),
        ({"opening_hours_tu_1_start": "25:00", "opening_hours_tu_1_end": "26:00"}, "« 25:00 » n'est pas une heure"),
        (
            {
                "opening_hours_we_1_start": "09:00",
                "opening_hours_we_1_end": "13:00",
                "opening_hours_we_2_start": "12:00",
                "opening_hours_we_2_end": "17:00",
            },
            "Mercredi : les deux plages se chevauchent",
        ),
        ({"opening_hours_th_1_start": "09:00"}, "Jeudi : indiquez l'heure d'ouverture et l'heure de fermeture"),
        (
            {
                "opening_hours_mo_1_start": "09:00",
                "opening_hours_mo_1_end": "12:00",
                "opening_hours_closure_0_start": "2027-08-31",
                "opening_hours_closure_0_end": "2027-08-01",
            },
            "Fermeture exceptionnelle n° 1 : la date de fin (01/08/2027)",
        ),
        (
            {
                "opening_hours_mo_1_start": "9:00",
                "opening_hours_mo_1_end": "12:00",
                "opening_hours_closure_0_start": "32/08/2027",
            },
            "« 32/08/2027 » n'est pas une date",
        ),
        ({"opening_hours_holidays": "on"}, "Indiquez au moins un jour d'ouverture"),
    ],
)
def test_bad_input_gets_a_french_message(data, message):
    with pytest.raises(ValidationError) as error:
        clean(data)
    assert any(message in text for text in error.value.messages), error.value.messages


def test_times_typed_by_hand_are_understood():
    data = {"opening_hours_fr_1_start": "9h", "opening_hours_fr_1_end": "12 h 30", "opening_hours_fr_2_start": "14:00"}
    data["opening_hours_fr_2_end"] = "17h"
    assert clean(data) == "Fr 09:00-12:30,14:00-17:00"


def test_an_unchanged_table_keeps_the_value_as_it_was_written():
    original = "Mo-Fr 09:00-12:00; We 14:00-17:00; Sa off"
    typed = TypedHours.from_hours(WeeklyHours.from_osm(original))
    assert clean(as_post_data(typed), original) == original
    field = OpeningHoursField()
    field.original = original
    assert not field.has_changed(original, typed)
    typed.holidays = True
    assert field.has_changed(original, typed)
    assert field.clean(typed) == "Mo-Tu,Th-Fr 09:00-12:00; We 14:00-17:00; PH off"


# In the back office.


class FormReader(HTMLParser):
    """The change form's fields as a browser would send them (submit buttons left out)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select = self.textarea = None
        self.select_options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.select_options = []
        elif tag == "option" and self.select:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.select_options if selected]
            if not chosen and not multiple and self.select_options:
                chosen = [self.select_options[0][0]]
            self.data[name] = chosen
            self.select = None
        elif tag == "textarea":
            if self.textarea and self.data[self.textarea][0].startswith("\n"):
                self.data[self.textarea][0] = self.data[self.textarea][0][1:]
            self.textarea = None


def change_form(client, structure):
    url = reverse("admin:annuaire_structure_change", args=[structure.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    reader = FormReader()
    reader.feed(html)
    return url, html, reader.data


@pytest.fixture
def structure(organisation):
    return StructureFactory(owner=organisation, opening_hours="Mo-Fr 08:00-18:30", city="Toulon")


def test_the_form_shows_a_table_and_the_hours_in_french(client, people, structure):
    client.force_login(people.owner_operator)
    _url, html, data = change_form(client, structure)
    assert "OpenStreetMap" not in html
    assert data["opening_hours_mo_1_start"] == ["08:00"] and data["opening_hours_fr_1_end"] == ["18:30"]
    assert data["opening_hours_sa_1_start"] == [""]
    assert 'aria-label="Samedi, ouverture"' in html
    assert "Fermé les jours fériés" in html
    assert "Horaires enregistrés, tels que le site les affiche" in html
    assert "Du lundi au vendredi : 8 h – 18 h 30" in html


def test_an_operator_adds_an_afternoon_holidays_and_a_summer_closure(client, people, structure):
    client.force_login(people.owner_operator)
    url, _html, data = change_form(client, structure)
    data.update(
        {
            "opening_hours_mo_1_end": "12:00",
            "opening_hours_tu_1_end": "12:00",
            "opening_hours_we_1_end": "12:00",
            "opening_hours_th_1_end": "12:00",
            "opening_hours_fr_1_end": "12:00",
            "opening_hours_we_2_start": "14:00",
            "opening_hours_we_2_end": "17:00",
            "opening_hours_holidays": "on",
            "opening_hours_closure_0_start": "2027-08-01",
            "opening_hours_closure_0_end": "2027-08-31",
        }
    )
    for day in ("mo", "tu", "we", "th", "fr"):
        data[f"opening_hours_{day}_1_start"] = "09:00"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    structure.refresh_from_db()
    assert structure.opening_hours == (
        "Mo-Tu,Th-Fr 09:00-12:00; We 09:00-12:00,14:00-17:00; PH off; 2027 Aug 01-2027 Aug 31 off"
    )
    # The coordinator reviewing it reads it in French, as the public page will show it.
    client.force_login(people.coordinator)
    _url, html, _data = change_form(client, structure)
    assert "Du lundi au vendredi : 9 h – 12 h ; le mercredi aussi 14 h – 17 h" in html
    assert "Fermé du 1er au 31 août 2027" in html
    structure.publish(by=people.coordinator)
    page = client.get(structure.get_absolute_url()).content.decode()
    assert "<li>Du lundi au vendredi : 9 h – 12 h ; le mercredi aussi 14 h – 17 h.</li>" in page
    assert "<li>Fermé les jours fériés.</li>" in page


def test_bad_input_in_the_admin_is_explained_and_kept(client, people, structure):
    client.force_login(people.owner_operator)
    url, _html, data = change_form(client, structure)
    data.update(
        {
            "opening_hours_mo_1_start": "14:00",
            "opening_hours_mo_1_end": "12:00",
            "opening_hours_tu_1_start": "25:00",
            "opening_hours_we_1_start": "09:00",
            "opening_hours_we_1_end": "13:00",
            "opening_hours_we_2_start": "12:00",
            "opening_hours_we_2_end": "17:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lundi : la fermeture (12 h) doit venir après l&#x27;ouverture (14 h)." in html
    assert "« 25:00 » n&#x27;est pas une heure" in html
    assert "Mercredi : les deux plages se chevauchent" in html
    assert 'id="id_opening_hours_we_error"' in html and 'aria-describedby="id_opening_hours_we_error"' in html
    assert (
        'value="25:00"' in html
        and 'name="opening_hours_we_2_start" id="id_opening_hours_we_2_start" value="12:00"' in html
    )
    structure.refresh_from_db()
    assert structure.opening_hours == "Mo-Fr 08:00-18:30"


def test_saving_without_touching_the_table_keeps_the_code_as_written(client, people, organisation):
    structure = StructureFactory(owner=organisation, opening_hours="Mo-Fr 09:00-12:00; We 14:00-17:00")
    client.force_login(people.owner_operator)
    url, html, data = change_form(client, structure)
    # The editor shows what is published: Wednesday afternoon only.
    assert data["opening_hours_we_1_start"] == ["14:00"] and data["opening_hours_we_2_start"] == [""]
    assert "Le mercredi : 14 h – 17 h" in html
    data["summary"] = "Un autre résumé."
    response = client.post(url, data)
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.opening_hours == "Mo-Fr 09:00-12:00; We 14:00-17:00"
    assert structure.summary == "Un autre résumé."


def test_hours_the_table_cannot_show_are_kept_and_shown_read_only(client, people, organisation):
    code = "Mo-Fr 09:00-12:00; PH 10:00-12:00"
    structure = StructureFactory(owner=organisation, opening_hours=code)
    client.force_login(people.owner_operator)
    url, html, data = change_form(client, structure)
    assert "Horaires actuels, conservés tels quels" in html and "<li>Lundi : 9 h – 12 h</li>" in html
    assert f"<code>{code}</code>" in html
    assert data["opening_hours_mo_1_start"] == [""]
    # Another field changes; the hours stay.
    data["summary"] = "Un autre résumé."
    assert client.post(url, data).status_code == 302
    structure.refresh_from_db()
    assert structure.opening_hours == code
    # Filling the table without ticking « Remplacer » keeps them too, and says why.
    data.update({"opening_hours_mo_1_start": "10:00", "opening_hours_mo_1_end": "16:00"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Les horaires actuels sont conservés tant que la case" in response.content.decode()
    assert 'value="10:00"' in response.content.decode()
    structure.refresh_from_db()
    assert structure.opening_hours == code
    # Ticked: replaced.
    data["opening_hours_replace"] = "on"
    assert client.post(url, data).status_code == 302
    structure.refresh_from_db()
    assert structure.opening_hours == "Mo 10:00-16:00"


def test_an_empty_table_saves_no_hours(client, people, structure):
    client.force_login(people.owner_operator)
    url, _html, data = change_form(client, structure)
    for key in list(data):
        if key.startswith("opening_hours_") and key.endswith(("_start", "_end")):
            data[key] = ""
    assert client.post(url, data).status_code == 302
    assert Structure.objects.get(pk=structure.pk).opening_hours == ""


def test_the_review_and_the_history_say_the_hours_in_french():
    from annuaire.models import Structure
    from guichet.review import display

    words = display(Structure._meta.get_field("opening_hours"), "Mo-Fr 09:00-12:00")
    assert "lundi" in words and "Mo-Fr" not in words
    assert display(Structure._meta.get_field("name"), "Ligue") == "Ligue"
