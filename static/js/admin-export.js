/* The export page's « Tout sélectionner » box (guichet/templates/admin/import_export/export.html): bound here, since
   the Content-Security-Policy forbids the inline onchange django-import-export writes, and the box did nothing
   (RGAA 7.3, tests/browser/test_rgaa_more.py). */
"use strict";
document.addEventListener("change", function (event) {
    if (event.target.id === "select-all-toggle" && typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
    }
});
