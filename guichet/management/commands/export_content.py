from pathlib import Path

from django.core.management.base import BaseCommand

from guichet.content import export_file
from guichet.discovery import app_modules


class Command(BaseCommand):
    help = (
        "Réécrit les fichiers de contenu (content/*.yaml) depuis la base : les modifications de l'animatrice se "
        "relisent alors comme une différence de texte (git diff). Les champs que la base ne garde pas (notes sur la "
        "source) sont conservés."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default="", help="Écrire dans ce dossier plutôt que dans content/.")

    def handle(self, *args, directory="", **options):
        target = Path(directory) if directory else None
        if target is not None:
            target.mkdir(parents=True, exist_ok=True)
        for _config, module in app_modules("demo"):
            export = getattr(module, "export_content", None)
            if export is None:
                continue
            for filename, entries in export().items():
                path = export_file(filename, entries, directory=target)
                self.stdout.write(f"{path} : {len(entries)} entrées")
