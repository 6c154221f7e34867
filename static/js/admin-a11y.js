/* Names for the admin's scripted widgets, which their libraries leave unnamed (RGAA 7.1, WCAG 4.1.2), loaded on every
   admin page by guichet/templates/admin/base_site.html and checked by tests/browser/test_rgaa_more.py:
   - the autocompletes (select2): the combobox, its shown value and the search field of a multiple choice are named by
     the field's label, not by the value alone (or nothing when empty);
   - the rich-text editor (django-prose-editor): its editable area is named by the field's label; its toolbar's
     buttons, named in English by the library, get French names, and those that switch a style on and off say
     whether it is on (aria-pressed), which the library shows by a colour only;
   - the two-list selector (SelectFilter2): its search icon carries an aria-label, which a span without a role may not
     have; it becomes an image (role="img"), so its words are read as part of the search field's label.
   The widgets are built after the page loads, and again for each row added to a formset: a MutationObserver repairs
   them as they appear. */
"use strict";
(function () {
    function labelFor(id) {
        const label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');
        if (label && !label.id) label.id = id + "_label";
        return label;
    }

    function name(element, label, extra) {
        const value = label.id + (extra ? " " + extra : "");
        if (element.getAttribute("aria-labelledby") !== value) element.setAttribute("aria-labelledby", value);
    }

    // The editor's toolbar, in the library's English words → French.
    const TOOLBAR = {
        "paragraph": "Style du texte : paragraphe",
        "heading 2": "Style du texte : titre de niveau 2",
        "heading 3": "Style du texte : titre de niveau 3",
        "unordered list": "Liste à puces",
        "ordered list": "Liste numérotée",
        "blockquote": "Citation",
        "bold": "Gras",
        "italic": "Italique",
        "insert link": "Lien",
        "undo": "Annuler",
        "redo": "Rétablir",
    };
    const OPTIONS = {"Heading 2": "Titre de niveau 2", "Heading 3": "Titre de niveau 3", "Paragraph": "Paragraphe"};
    const TOGGLES = ["bulletList", "orderedList", "blockquote", "bold", "italic"];

    function toolbar() {
        document.querySelectorAll(".prose-menubar__button").forEach(function (button) {
            const french = TOOLBAR[button.getAttribute("aria-label")];
            if (french) {
                button.setAttribute("aria-label", french);
                button.setAttribute("title", french);
            }
            if (TOGGLES.includes(button.dataset.name)) {
                const pressed = String(button.classList.contains("active"));
                if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
            }
        });
        document.querySelectorAll(".prose-menubar__option > *").forEach(function (option) {
            const french = OPTIONS[option.textContent.trim()];
            if (french) option.textContent = french;
        });
    }

    function repair() {
        toolbar();
        document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
            icon.setAttribute("role", "img");
        });
        document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
            const label = labelFor(select.id);
            const widget = select.nextElementSibling;
            if (!label || !widget || !widget.classList.contains("select2")) return;
            const rendered = widget.querySelector(".select2-selection__rendered");
            widget.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
                name(box, label, rendered && rendered.id && select.multiple === false ? rendered.id : "");
            });
            if (rendered && rendered.getAttribute("role") === "textbox") name(rendered, label);
            widget.querySelectorAll(".select2-search__field").forEach(function (field) {
                name(field, label);
            });
        });
        document.querySelectorAll(".ProseMirror[contenteditable]").forEach(function (editor) {
            const row = editor.closest(".form-row, .fieldBox, td, .prose-editor");
            const textarea = row && row.querySelector("textarea");
            const label = textarea ? labelFor(textarea.id) : row && row.querySelector("label");
            if (!label) return;
            if (!label.id) label.id = "label-" + Math.random().toString(36).slice(2);
            name(editor, label);
        });
    }

    let pending = false;
    function soon() {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () {
            pending = false;
            repair();
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        repair();
        new MutationObserver(soon).observe(document.body, {
            childList: true,
            subtree: true,
            attributes: true,
            attributeFilter: ["class", "aria-label"],
        });
    });
    window.addEventListener("load", soon);
})();
