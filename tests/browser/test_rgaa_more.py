"""RGAA 4.1.2 criteria the self-assessment (guichet/rgaa.yaml) checks in the browser, on the sample's public pages and
its admin pages: 3.2 and 3.3 (contrast of text, of fields, buttons and the focus indicator), 7.1, 7.3, 7.4 and 12.9
(the admin's scripted widgets: named, with their role and state, operated with the keyboard, no trap), 10.11 (the admin
at 320 px), 10.3 and 12.8 (no style reorders the content; the tab order follows it). The scripts are here, with
their own checks; test_page_walks.py runs them over the pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_admin import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "animatrice@demo.guichet.invalid"
# The sample's admin pages (guichet/rgaa.yaml): the dashboard, an application, the list and the form of a structure;
# and one page of each other kind the team uses: a form with every scripted widget (dates, autocomplete, rich text,
# two-list selectors), forms with rows to add (inlines), the import, the figures.
SAMPLE_ADMIN = [
    "/admin/",
    "/admin/annuaire/",
    "/admin/annuaire/structure/",
    "/admin/annuaire/structure/add/",
    "/admin/annuaire/structure/import/",
    "/admin/agenda/event/add/",
    "/admin/ressources/sheet/add/",
    "/admin/pairs/peergroup/add/",
    "/admin/onboarding/usagecount/",
]

# Colours as the browser computes them, their relative luminance and contrast (WCAG 2.1), and the colour behind an
# element (its ancestors' backgrounds, blended; white under all).
COLOURS = """
const parse = c => {
  const m = c && c.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const blend = (top, under) => ({
  r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
  b: top.b * top.a + under.b * (1 - top.a), a: 1,
});
const luminance = ({r, g, b}) => {
  const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (x, y) => {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
};
const behind = e => {
  const layers = [];
  for (let n = e; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  return layers.reverse().reduce((under, top) => blend(top, under), {r: 255, g: 255, b: 255, a: 1});
};
const visible = e => {
  const box = e.getBoundingClientRect(), style = getComputedStyle(e);
  return box.width > 2 && box.height > 2 && style.visibility !== 'hidden' && !e.closest('[hidden], .honeypot');
};
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('name') ? '[name='
  + e.getAttribute('name') + ']' : '') + (typeof e.className === 'string' && e.className ? '.'
  + e.className.trim().split(/\\s+/)[0] : '') + (e.getAttribute('href') ? '[' + e.getAttribute('href') + ']' : '')
  + ' « ' + (e.value || e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 25) + ' »';
"""

# RGAA 3.3: each field and button can be told from what surrounds it — its border or its fill at 3:1 at least against
# the colour behind it. Native checkboxes and radio buttons the site does not style, and disabled ones, are left out
# (the criterion's particular cases).
COMPONENTS = (
    "() => {"
    + COLOURS
    + """
  const found = [];
  const selector = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select, '
    + 'textarea, button, .button, a.button, input[type=submit], .select2-selection, .ProseMirror[contenteditable]';
  for (const e of document.querySelectorAll(selector)) {
    if (!visible(e) || e.disabled || e.closest('.hidden, .empty-form')) continue;
    if (e.matches('.select2-search--inline .select2-search__field')) continue;  // inside the select2 box, checked
    const style = getComputedStyle(e), around = behind(e.parentElement);
    const fill = parse(style.backgroundColor);
    const own = fill ? blend(fill, around) : around;
    let best = contrast(own, around);
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      const border = parse(style['border' + side + 'Color']);
      if (style['border' + side + 'Style'] !== 'none' && parseFloat(style['border' + side + 'Width']) >= 1 && border)
        best = Math.max(best, contrast(blend(border, around), around));
    }
    // A button without a boundary of its own (a button in the header, an icon in the editor's toolbar) is told by
    // what it shows: its text or its icon, at 3:1 against its background (WCAG 1.4.11's understanding).
    const field = e.matches(
      'input:not([type=submit]):not([type=button]), select, textarea, .select2-selection, .ProseMirror');
    if (best < 3 && !field) {
      const shown = [e, ...e.querySelectorAll('svg, svg *, span, img')].filter(visible);
      for (const part of shown) {
        const partStyle = getComputedStyle(part);
        for (const colour of [partStyle.color, partStyle.fill, partStyle.stroke]) {
          const c = parse(colour);
          const shows = part === e ? e.innerText.trim() || e.value : part.tagName !== 'SPAN' || part.innerText.trim();
          if (c && c.a > 0 && shows)
            best = Math.max(best, contrast(blend(c, own), own));
        }
      }
    }
    if (best < 3) found.push(name(e) + ' (' + best.toFixed(2) + ':1)');
  }
  return found.slice(0, 5);
}"""
)

# RGAA 3.3 for the focus indicator: the outline or the ring of each element the Tab key stops at, focused in turn by
# script after one press of the Tab key (as tests/browser/test_focus.py does), at 3:1 at least against the colour
# behind the element. The first three that miss it are named.
FOCUS_CONTRAST = (
    "() => {"
    + COLOURS
    + """
  const weak = [];
  for (const e of document.querySelectorAll('*')) {
    if (e.tabIndex < 0 || e.disabled) continue;
    e.focus({focusVisible: true});
    if (document.activeElement !== e) continue;
    const style = getComputedStyle(e), around = behind(e.parentElement);
    let best = 0;
    const outline = parse(style.outlineColor);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && outline)
      best = contrast(blend(outline, around), around);
    for (const m of (style.boxShadow || '').matchAll(/rgba?\\([^)]+\\)/g))
      best = Math.max(best, contrast(blend(parse(m[0]), around), around));
    if (best < 3) weak.push('focus ' + name(e) + ' (' + best.toFixed(2) + ':1)');
  }
  return weak.slice(0, 3);
}"""
)


def _focus_problems(page) -> list[str]:
    page.keyboard.press("Tab")  # the keyboard is in use: focus moved by script shows as on the Tab key
    return page.evaluate(FOCUS_CONTRAST)


# RGAA 10.3: styles that show the content in another order than the code's: flex or grid order, reversed flex
# directions, explicit grid placement, right-to-left direction.
REORDERED = """() => {
  const found = [];
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string'
    && e.className ? '.' + e.className.trim().split(/\\s+/)[0] : '');
  for (const e of document.querySelectorAll('body *')) {
    const style = getComputedStyle(e), parent = e.parentElement && getComputedStyle(e.parentElement);
    const box = e.getBoundingClientRect();
    if (style.display === 'none' || box.width <= 1 || box.height <= 1) continue;
    const laidOut = parent && /flex|grid/.test(parent.display);
    // The admin's filters (a nav landmark with its heading « Filtre ») come before the list in the code and are shown
    // on its right: a whole region moved, read as a unit in either order.
    if (e.id === 'changelist-filter') continue;
    if (laidOut && style.order !== '0') found.push(name(e) + ' (order ' + style.order + ')');
    if (/flex/.test(style.display) && /reverse/.test(style.flexDirection))
      found.push(name(e) + ' (' + style.flexDirection + ')');
    const placed = /^\\d/.test(style.gridRowStart) || /^\\d/.test(style.gridColumnStart);
    if (laidOut && /grid/.test(parent.display) && placed)
      found.push(name(e) + ' (grille ' + style.gridRowStart + '/' + style.gridColumnStart + ')');
    if (style.direction === 'rtl') found.push(name(e) + ' (rtl)');
  }
  return found.slice(0, 5);
}"""

# The element that has the focus: where it is in the code and on the screen, and whether it comes after the element
# walked before it (`before`, its walk number) in the code: one round trip per press of the Tab key.
FOCUS_PLACE = """(before) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (!e.dataset.orderWalk) e.dataset.orderWalk = String(document.querySelectorAll('[data-order-walk]').length + 1);
  const box = e.getBoundingClientRect();
  const previous = before && document.querySelector('[data-order-walk="' + before + '"]');
  return {id: e.dataset.orderWalk, top: box.top + window.scrollY, left: box.left + window.scrollX,
          bottom: box.bottom + window.scrollY, tabindex: e.tabIndex,
          follows: !previous || Boolean(previous.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING),
          name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' « '
            + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 25) + ' »'};
}"""

# RGAA 11.4: each visible label is next to its field: above it or on its left (on its right for a checkbox or a radio
# button), less than 250 px away, on the same line or just above.
LABELS = """() => {
  const found = [];
  for (const label of document.querySelectorAll('label[for]')) {
    const field = document.getElementById(label.htmlFor);
    if (!field || field.type === 'hidden') continue;
    if (label.contains(field)) continue;  // a radio button or a box inside its label
    // The two-list selector's labels are the title bars of the boxes that hold the lists (Django's layout).
    if (label.closest('.selector-available, .selector-chosen')) continue;
    const a = label.getBoundingClientRect(), b = field.getBoundingClientRect();
    if (a.width <= 2 || b.width <= 2 || getComputedStyle(field).visibility === 'hidden') continue;
    // Between a label and its field, the field's help and error (aria-describedby) belong to the label's side.
    let between = 0;
    for (const id of (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)) {
      const help = document.getElementById(id), box = help && help.getBoundingClientRect();
      if (box && box.top >= a.bottom - 2 && box.bottom <= b.top + 2) between += box.height;
    }
    const tick = field.type === 'checkbox' || field.type === 'radio';
    const beside = Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < Math.max(a.height, b.height)
      || (a.top < b.bottom && b.top < a.bottom);
    const left = beside && a.right <= b.left + 2 && b.left - a.right < 250;
    const right = beside && b.right <= a.left + 2 && a.left - b.right < 250;
    const above = a.bottom <= b.top + 2 && b.top - a.bottom - between < 48
      && a.left < b.right && b.left < a.right + 250;
    // A box drawn at the start of its label's first line (the label wraps around it).
    const inside = b.left >= a.left - 2 && b.right <= a.right + 2 && b.top >= a.top - 2 && b.bottom <= a.bottom + 2;
    if (!(tick ? right || above || left || inside : left || above))
      found.push(label.htmlFor + ' « ' + label.innerText.trim().slice(0, 30) + ' »');
  }
  return found.slice(0, 5);
}"""

ORDER_PUBLIC = ["/", "/ressources/aides/action-sociale-msa-exploitantes/", "/annuaire/aismt-04/mise-en-relation/"]
ORDER_ADMIN = ["/admin/", "/admin/annuaire/structure/", "/admin/agenda/event/add/"]


def _tab_order(page, limit=300) -> list[str]:
    """Tab from the top to the end: each element comes after the previous one in the code, with no positive
    tabindex, and is not above it on the screen unless it is in another column (to its right)."""
    problems, walked = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        place = page.evaluate(FOCUS_PLACE, walked[-1]["id"] if walked else None)
        if place is None or (walked and place["id"] == walked[0]["id"]):
            break
        if any(place["id"] == seen["id"] for seen in walked):
            problems.append(f"{place['name']} atteint deux fois")
            break
        if place["tabindex"] > 0:
            problems.append(f"{place['name']} : tabindex {place['tabindex']}")
        if walked:
            before = walked[-1]
            if not place["follows"]:
                problems.append(f"{place['name']} avant {before['name']} dans le code")
            elif place["bottom"] <= before["top"] and place["left"] <= before["left"]:
                problems.append(f"{place['name']} au-dessus de {before['name']}")
        walked.append(place)
    if len(walked) < 5:
        problems.append(f"seulement {len(walked)} éléments atteints")
    return problems[:3]


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        " + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/)[0] : ''); }"
    )


def _tab_until(page, selector, limit=120) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


def test_the_admin_widgets_work_with_the_keyboard_and_say_what_they_are(browser, demo_site):
    """The event form holds every scripted widget of the admin: dates with their calendar, an autocomplete (select2),
    the rich-text editor, the two-list selectors. Each is named, with its role and state, in French (RGAA 7.1, 8.7);
    each is used with the keyboard alone (7.3); none changes the context on its own (7.4); none traps the focus, and
    Tab and Shift+Tab go through the whole form (12.9); no single key does anything outside a field (12.10). And the
    export page's « Tout sélectionner » works (7.3)."""
    base_url, _ = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    staff_login(page, base_url, COORDINATOR)
    url = base_url + "/admin/agenda/event/add/"
    page.goto(url)

    # 12.10: letters, digits and symbols typed outside a field do nothing.
    page.locator("h1").click()
    before = page.evaluate("document.body.innerHTML.length")
    for key in "aAjks/?1 .g":
        page.keyboard.press(key)
    assert page.url == url and page.evaluate("document.body.innerHTML.length") == before
    assert not page.evaluate("document.activeElement.matches('input, select, textarea, [contenteditable], a, button')")

    # 12.9: forwards from the top to the last button, then backwards to the first field, through every widget.
    page.evaluate("[...document.querySelectorAll('input[name=_save]')].pop().dataset.last = 'oui'")
    assert _tab_until(page, "input[data-last]", limit=200), _focused(page)
    page.locator("input[data-last]").focus()
    for _ in range(200):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.id") == "id_title":
            break
    assert page.evaluate("document.activeElement.id") == "id_title", _focused(page)

    # Dates: the shortcuts speak French; the calendar opens from the keyboard and Escape closes it.
    shortcuts = page.locator("#id_starts_at_0 ~ .datetimeshortcuts, .datetimeshortcuts").first
    assert "Aujourd" in shortcuts.inner_text()
    page.locator("#calendarlink0").focus()
    assert page.locator("#calendarlink0").aria_snapshot().startswith('- link "Choisir une date"')
    page.keyboard.press("Enter")
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#calendarbox0")).to_be_hidden()
    assert page.url == url  # 7.4

    # The autocomplete: a combobox named by its label, opened with the keyboard (expanded), a choice made with the
    # arrows and Enter, the focus back on it, the page unchanged.
    combobox = page.locator("#id_organiser + .select2 [role=combobox]")
    assert "Organisateur" in combobox.aria_snapshot()
    assert combobox.get_attribute("aria-expanded") == "false"
    combobox.focus()
    page.keyboard.press("Enter")
    expect(combobox).to_have_attribute("aria-expanded", "true")
    search = page.locator(".select2-container--open .select2-search__field")
    search.wait_for()
    assert search.get_attribute("aria-controls") or search.get_attribute("aria-owns")
    # The results come from the server: wait for real choices (not "Recherche…"), then choose; the list closes.
    page.locator(".select2-results__option[aria-selected]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    assert page.locator("#id_organiser").input_value() != ""
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    assert page.url == url

    # The two-list selector: in French, an option chosen with the keyboard moves to the chosen list.
    selector = page.locator(".selector").first.aria_snapshot()
    assert "disponible" in selector and "Available" not in selector and "Choose" not in selector
    page.locator("#id_themes_from").focus()
    page.keyboard.press("ArrowDown")
    assert _tab_until(page, "#id_themes_add", limit=3), _focused(page)
    page.keyboard.press("Enter")
    assert page.locator("#id_themes_to option").count() == 1
    assert page.url == url

    # The rich-text editor: named by its label, its toolbar in French; bold switched on with the keyboard says it is
    # pressed; Tab leaves the editor, even from a list item (at most one Tab indents the item).
    editor = page.locator(".ProseMirror[contenteditable]").first
    assert "Description" in editor.aria_snapshot()
    toolbar = page.locator(".prose-menubar").first.aria_snapshot()
    assert 'button "Gras"' in toolbar and 'button "bold"' not in toolbar and "⏷" not in toolbar, toolbar
    editor.focus()
    page.keyboard.press("Control+b")
    page.keyboard.type("Important")
    bold = page.locator(".prose-menubar__button[data-name=bold]").first
    page.wait_for_function("(b) => b.getAttribute('aria-pressed') === 'true'", arg=bold.element_handle())
    page.keyboard.press("Enter")
    page.keyboard.type("- un")
    page.keyboard.press("Enter")
    page.keyboard.type("deux")
    for _ in range(3):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('.prose-editor') !== null"):
            break
    assert not page.evaluate("document.activeElement.closest('.prose-editor') !== null"), _focused(page)
    assert page.url == url

    # The export's « Tout sélectionner » box, with the space bar, unticks every column (its inline handler was blocked
    # by the Content-Security-Policy).
    page.goto(base_url + "/admin/annuaire/structure/export/")
    page.locator("#select-all-toggle").focus()
    page.keyboard.press("Space")
    ticked = "[...document.querySelectorAll('.selectable-field-export-row input[type=checkbox]')].map(b => b.checked)"
    assert not any(page.evaluate(ticked))
    context.close()


def test_the_focus_contrast_check_names_a_faint_ring(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_content(
        "<style>body { background: #fff; } :focus-visible { outline: 3px solid #0b3d91; }"
        " .pale:focus-visible { outline: 3px solid #eeeeee; }</style>"
        '<a href="#a">nette</a> <button class="pale">pâle</button> <a href="#b">nette aussi</a>'
    )
    problems = _focus_problems(page)
    context.close()
    assert len(problems) == 1 and problems[0].startswith("focus button.pale "), problems
