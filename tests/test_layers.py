"""The layers between apps (issue 20, point 3): imports are checked by `make lint` (import-linter, .importlinter);
templates here — a template loads tag libraries only from its own app or the kernel (guichet)."""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LOAD = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")


def _libraries() -> dict[str, str]:
    """Each tag library of the project's apps, with the app it belongs to."""
    owners = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != ROOT:
            continue
        for module in (path / "templatetags").glob("*.py"):
            if module.name != "__init__.py":
                owners[module.stem] = config.label
    return owners


def test_templates_load_tag_libraries_only_from_their_app_or_the_kernel():
    owners = _libraries()
    assert {"guichet_tags", "date_tags"} <= set(owners)
    crossing = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != ROOT:
            continue
        for template in (path / "templates").rglob("*"):
            if not template.is_file():
                continue
            for match in LOAD.finditer(template.read_text(encoding="utf-8")):
                for library in match.group(1).split():
                    owner = owners.get(library)
                    if owner not in (None, config.label, "guichet"):
                        crossing.append(f"{template.relative_to(ROOT)} charge {library} ({owner})")
    assert not crossing, "Bibliothèques de balises d'une autre application :\n" + "\n".join(crossing)
