"""A strict reading of a rendered page against RGAA 4.1.2 test 8.2.1 (no network, no Java: Python's own HTML tokenizer):
tags written and closed as HTML says, nesting allowed by the content models the site uses, attributes not doubled,
ids unique, references (for, aria-labelledby, aria-describedby, aria-controls, list, form) pointing to an id of the
page; and test 8.2.2, no obsolete element or attribute. Also two readings for RGAA 8.9 and 9.3: tags used only for
presentation (empty paragraphs, line breaks in a row) and lists written with dashes or bullets instead of ul/ol.

It is not the W3C validator: it knows the HTML the site and Django's admin write, and says where it cannot judge."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# End tags HTML lets one leave out: closed by the next sibling or by the parent's end.
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup"}
ELEMENTS = VOID | set(
    (
        "a abbr address article aside audio b bdi bdo blockquote body button canvas caption cite code "
        "colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form "
        "h1 h2 h3 h4 h5 h6 head header hgroup html i iframe ins kbd label legend li main map mark menu meter "
        "nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script "
        "search section select slot small span strong style sub summary sup svg table tbody td template "
        "textarea tfoot th thead time title tr u ul var video"
    ).split()
)
OBSOLETE_ELEMENTS = set(
    ("acronym applet basefont big blink center dir font frame frameset marquee nobr noframes strike tt xmp").split()
)
OBSOLETE_ATTRIBUTES = set(
    (
        "align alink background bgcolor border cellpadding cellspacing clear frame hspace language link "
        "nowrap rules valign vlink vspace"
    ).split()
)
# Elements that close an open <p> (so a <p> cannot hold them).
BLOCKS = set(
    (
        "address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 "
        "h5 h6 header hgroup hr main menu nav ol p pre section table ul"
    ).split()
)
INTERACTIVE = {"a", "button", "details", "iframe", "label", "select", "textarea"}
# An element and the parents it may have (direct parent).
PARENTS = {
    "li": {"ul", "ol", "menu"},
    "dt": {"dl", "div"},
    "dd": {"dl", "div"},
    "tr": {"table", "thead", "tbody", "tfoot"},
    "td": {"tr"},
    "th": {"tr"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
    "caption": {"table"},
    "option": {"select", "datalist", "optgroup"},
    "optgroup": {"select"},
    "legend": {"fieldset"},
    "summary": {"details"},
    "figcaption": {"figure"},
}
IDREFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "form", "headers")
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][a-z0-9_:.\-]*$")
# A line that starts like an item of a list written by hand.
HAND_LIST_ITEM = re.compile(r"^\s*(?:[-–—•·*▪●]\s+\S|\d{1,2}[.)]\s+\S)")


class StrictReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.presentation: list[str] = []
        self.hand_lists: list[str] = []
        self.ids: dict[str, int] = {}
        self.references: list[tuple[str, str, str]] = []
        self.doctype = False
        self.foreign = 0  # depth inside <svg>: its own vocabulary
        self.last_tag = ""  # the previous tag seen, start or end (for <br><br>, empty <p>)
        self.text_since_p = False
        self.text_since_br = True
        self.line_starts: list[str] = []  # text right after a <br>, in the current block

    # -- tokens

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True
        else:
            self.problems.append(f"type de document « {decl} »")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag in VOID and not self.foreign:
            self._end_void(tag)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)
        if self.foreign or tag in VOID:
            if not self.foreign:
                self._end_void(tag)
            else:
                self.stack.pop()
        else:
            self.problems.append(f"<{tag}/> : un élément HTML non vide ne se ferme pas par />")
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.foreign and tag != "svg":
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
            return
        if tag in VOID:
            self.problems.append(f"</{tag}> : élément vide fermé")
            return
        if tag == "p" and self.last_tag == "p" and not self.text_since_p:
            self.presentation.append("paragraphe vide <p></p>")
        if tag not in self.stack:
            self.problems.append(f"</{tag}> sans ouverture (dans {' > '.join(self.stack[-3:])})")
            return
        while self.stack and self.stack[-1] != tag:
            left = self.stack.pop()
            if left not in OPTIONAL_END:
                self.problems.append(f"<{left}> non fermé avant </{tag}>")
        self.stack.pop()
        if tag == "svg":
            self.foreign -= 1
        self._flush_lines()
        self.last_tag = "/" + tag

    def handle_data(self, data):
        if data.strip():
            self.text_since_p = True
            if not self.text_since_br and "script" not in self.stack and "style" not in self.stack:
                self.line_starts.append(data)
            self.text_since_br = True
            self.last_tag = "#text"

    # -- rules

    def _start(self, tag, attrs):
        if self.foreign:
            self.stack.append(tag)
            if value := dict(attrs).get("id"):
                self.ids[value] = self.ids.get(value, 0) + 1
            return
        names = [name for name, _ in attrs]
        where = f"<{tag}{' id=' + dict(attrs)['id'] if dict(attrs).get('id') else ''}>"
        if tag not in ELEMENTS and "-" not in tag:
            self.problems.append(f"{where} : élément {'obsolète' if tag in OBSOLETE_ELEMENTS else 'inconnu'}")
        for name in {n for n in names if names.count(n) > 1}:
            self.problems.append(f"{where} : attribut {name} doublé")
        for name, value in attrs:
            if not ATTRIBUTE_NAME.match(name):
                self.problems.append(f"{where} : nom d'attribut « {name} »")
            if name in OBSOLETE_ATTRIBUTES and not (name == "border" and tag == "table" and value in ("", "0")):
                self.problems.append(f"{where} : attribut obsolète {name}")
            if name == "id":
                if not value or re.search(r"\s", value):
                    self.problems.append(f"{where} : id vide ou avec une espace")
                self.ids[value] = self.ids.get(value, 0) + 1
            if name in IDREFS and value is not None and not (name == "headers" and tag not in ("td", "th")):
                for ref in value.split():
                    self.references.append((where, name, ref))
            if name == "tabindex" and value and value.lstrip("-").isdigit() and int(value) > 0:
                self.problems.append(f"{where} : tabindex positif")
        # Content models.
        parent = self.stack[-1] if self.stack else ""
        if tag in OPTIONAL_END or tag in BLOCKS:
            self._close_implied(tag)
            parent = self.stack[-1] if self.stack else ""
        if tag in PARENTS and parent not in PARENTS[tag] and parent != "template":
            self.problems.append(f"{where} dans <{parent}>")
        if tag in BLOCKS and "p" in self.stack:
            self.problems.append(f"{where} dans un <p>")
        if tag in INTERACTIVE or (tag == "input" and dict(attrs).get("type") != "hidden"):
            holder = next((t for t in reversed(self.stack) if t in ("a", "button")), None)
            if holder:
                self.problems.append(f"{where} interactif dans <{holder}>")
        if tag == "form" and "form" in self.stack:
            self.problems.append("<form> dans un <form>")
        if tag in ("header", "footer", "main") and {"header", "footer"} & set(self.stack):
            self.problems.append(f"{where} dans un header ou un footer")
        # Presentation (RGAA 8.9) and hand-written lists (RGAA 9.3).
        if tag == "br":
            if self.last_tag == "br":
                self.presentation.append("<br> répétés pour espacer")
            self.text_since_br = False
        elif tag in BLOCKS or tag in ("li", "td", "th", "dd", "dt"):
            self._flush_lines()
        if tag == "p":
            self.text_since_p = False
        if tag in ("table",) and dict(attrs).get("role") in ("presentation", "none"):
            self.presentation.append("tableau de mise en forme")
        if tag != "br":
            self.last_tag = tag
        self.stack.append(tag)
        if tag == "svg":
            self.foreign += 1

    def _end_void(self, tag):
        self.stack.pop()
        if tag == "br":
            self.last_tag = "br"

    def _close_implied(self, tag):
        """What the HTML parser does: a new <li> closes the open <li>, a block closes an open <p>, and so on."""
        closes = {
            "li": {"li"},
            "dt": {"dt", "dd"},
            "dd": {"dt", "dd"},
            "option": {"option"},
            "optgroup": {"optgroup", "option"},
            "tr": {"tr", "td", "th"},
            "td": {"td", "th"},
            "th": {"td", "th"},
            "thead": {"tbody", "tr", "td", "th"},
            "tbody": {"thead", "tbody", "tr", "td", "th"},
            "tfoot": {"thead", "tbody", "tr", "td", "th"},
        }.get(tag, set())
        while self.stack and self.stack[-1] in closes:
            self.stack.pop()
        if tag in BLOCKS and self.stack and self.stack[-1] == "p":
            self.stack.pop()

    def _flush_lines(self):
        items = [line for line in self.line_starts if HAND_LIST_ITEM.match(line)]
        if len(items) >= 2:
            self.hand_lists.append(" / ".join(item.strip()[:30] for item in items[:3]))
        self.line_starts = []

    # -- result

    def finish(self):
        self.close()
        if not self.doctype:
            self.problems.append("pas de <!DOCTYPE html>")
        for tag in self.stack:
            if tag not in OPTIONAL_END | {"html", "body", "head"}:
                self.problems.append(f"<{tag}> jamais fermé")
        self.problems += [f"id « {i} » répété {n} fois" for i, n in self.ids.items() if n > 1]
        self.problems += [
            f"{where} : {name} vers « {ref} », absent" for where, name, ref in self.references if ref not in self.ids
        ]
        return self


def read(html: str) -> StrictReader:
    reader = StrictReader()
    reader.feed(html)
    return reader.finish()


def paragraphs_as_list(html: str) -> list[str]:
    """Consecutive paragraphs that each start like a list item (« - … », « • … », « 1. … »): a list to mark up."""
    found = []
    run = []
    for match in re.finditer(r"<p[^>]*>(.*?)</p>|(<(?!/?(?:p|a|strong|em|span|b|i)\b)[^>]+>)", html, re.S):
        text = match.group(1)
        if text is not None and HAND_LIST_ITEM.match(re.sub(r"<[^>]+>", "", text)):
            run.append(re.sub(r"<[^>]+>", "", text).strip()[:30])
            continue
        if len(run) >= 2:
            found.append(" / ".join(run[:3]))
        run = []
    if len(run) >= 2:
        found.append(" / ".join(run[:3]))
    return found
