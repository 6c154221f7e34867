"""Two RGAA 4.1.2 criteria found failing by the self-assessment (guichet/rgaa.yaml), checked on the pages themselves:
11.13, the fields about her say what they are for (her browser can fill them in); 5.7, each row of the admin's lists
has its header cell declared as such."""

import re

import pytest
from django.urls import reverse

from tests.factories import AidFactory, PeerGroupFactory, StructureFactory
from tests.onboarding.test_parcours import set_answers

pytestmark = pytest.mark.django_db

PURPOSES = {"first_name": 'autocomplete="given-name"', "email": 'autocomplete="email"', "phone": 'autocomplete="tel"'}


def fields(html: str) -> dict[str, str]:
    """name → the <input> tag, for the fields about her (and the robots' trap)."""
    return {
        name: tag
        for tag in re.findall(r"<input [^>]*>", html)
        if (name := re.search(r'name="([^"]+)"', tag).group(1)) in (*PURPOSES, "website")
    }


def test_every_public_form_says_what_her_fields_are_for(client, organisation):
    aid = AidFactory(owner=organisation, published=True)
    group = PeerGroupFactory(owner=organisation, published=True)
    structure = StructureFactory(owner=organisation, published=True)
    set_answers(client, {"status": "artisane", "departement": "13"})
    pages = {
        "/annuaire/mise-en-relation/": {"email", "phone"},
        f"{structure.get_absolute_url()}mise-en-relation/": {"email", "phone"},
        f"{group.get_absolute_url()}inscription/": {"first_name", "email", "phone"},
        f"/alertes/suivre/ressources.aid/{aid.pk}/": {"email"},
        aid.get_absolute_url(): {"email"},  # "signaler une erreur"
        "/mon-parcours/": {"email"},  # "envoyer ce parcours"
    }
    for path, expected in pages.items():
        found = fields(client.get(path).content.decode())
        assert expected <= set(found), (path, found)
        for name in expected:
            assert PURPOSES[name] in found[name], (path, found[name])
        if "phone" in found:
            assert 'type="tel"' in found["phone"], path
        assert 'autocomplete="off"' in found["website"], path  # the browser never fills the trap


def test_each_row_of_an_admin_list_has_its_header_cell(client, people, organisation):
    StructureFactory(owner=organisation, name="Maison des entrepreneuses")
    client.force_login(people.coordinator)
    html = client.get(reverse("admin:annuaire_structure_changelist")).content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    headers = re.findall(r"<th[^>]*>", body)
    assert headers and all('scope="row"' in th for th in headers), headers


def test_long_words_of_any_entry_wrap_at_320_px():
    """The 320 px reflow check in the browser visits one page per route and the heaviest (tests/browser/
    test_small_screens.py); a long word or web address in another entry wraps because the stylesheet says so."""
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert "main, main a, dd { overflow-wrap: anywhere; }" in css


# Properties that change what colour a text is seen on, or in.
COLOUR_PROPERTIES = re.compile(r"(?:^|[;{\s])(color|background(?:-color|-image)?|opacity|filter|mix-blend-mode)\s*:")


def media_blocks(css: str):
    """(query, body) of each @media block of a stylesheet, its nested braces included."""
    for found in re.finditer(r"@media([^{]*)\{", css):
        depth, end = 1, found.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        yield found.group(1).strip(), css[found.end() : end - 1]


def site_stylesheets(client) -> dict[str, str]:
    """name → text without comments of the stylesheets the site's pages load: its files, and the two it draws
    (the themes' colours, her reading preferences)."""
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "static" / "css"
    sheets = {name: (folder / name).read_text(encoding="utf-8") for name in ("site.css", "kit.css", "attendance.css")}
    sheets.update({path: client.get(path).content.decode() for path in ("/themes.css", "/lecture.css")})
    return {name: re.sub(r"/\*.*?\*/", "", css, flags=re.S) for name, css in sheets.items()}


def test_the_colours_are_the_same_at_every_width(client):
    """The WCAG gate (tests/browser/test_accessibility.py) checks text contrast at the desktop viewport only: what
    a phone's width changes in the stylesheets the public pages load is the layout, never a colour. A rule for
    small screens that sets one fails here: check contrast at both viewports then (CONTRAST_AT)."""
    for name, css in site_stylesheets(client).items():
        for query, body in media_blocks(css):
            if re.search(r"width|height|orientation|aspect-ratio", query):
                assert not COLOUR_PROPERTIES.search(body), (name, query, body[:120])


def test_the_colour_check_sees_a_colour_set_for_small_screens():
    css = "@media print { a { color: #000; } } @media (max-width: 30em) { .x { display: block; } .y { color: red } }"
    assert [(query, bool(COLOUR_PROPERTIES.search(body))) for query, body in media_blocks(css)] == [
        ("print", True),
        ("(max-width: 30em)", True),
    ]


def test_no_stylesheet_locks_the_orientation(client):
    """WCAG 1.3.4 (axe's css-orientation-lock, which the browser gate leaves out for its cost: it reads every
    stylesheet of every page): the public pages' stylesheets show the content in either orientation, with no
    orientation media query at all."""
    for css in site_stylesheets(client).values():
        assert "orientation" not in [word for query, _ in media_blocks(css) for word in re.findall(r"[a-z-]+", query)]
