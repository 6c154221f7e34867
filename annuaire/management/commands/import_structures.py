from pathlib import Path

import tablib
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from annuaire.resources import StructureResource
from guichet.spreadsheets import read_table


def row_problems(result) -> list[str]:
    """Every refused row with its line in the file (line 1 is the header)."""
    problems = []
    for row in result.invalid_rows:
        messages = "; ".join(
            " ".join(errors) if field == "__all__" else f"{field} : {' '.join(errors)}"
            for field, errors in row.error_dict.items()
        )
        problems.append((row.number, messages))
    for number, errors in result.row_errors():
        problems.append((number, "; ".join(str(error.error) for error in errors)))
    return [f"ligne {number + 1} du fichier — {message}" for number, message in sorted(problems)]


class Command(BaseCommand):
    help = (
        "Importe des structures depuis un fichier CSV ou tableur (.xlsx). Par défaut, vérifie seulement et liste les "
        "lignes en erreur ; --appliquer importe si aucune ligne n'est en erreur ; --ignorer-lignes-en-erreur "
        "importe alors les seules lignes valides. Les nouvelles structures arrivent en brouillon."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier")
        parser.add_argument("--appliquer", action="store_true", help="Importer pour de bon (sinon : vérification).")
        parser.add_argument("--ignorer-lignes-en-erreur", action="store_true", help="Importer les lignes valides.")

    def handle(self, *args, fichier, appliquer, ignorer_lignes_en_erreur, **options):
        path = Path(fichier)
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            dataset = read_table(path.read_bytes(), filename=path.name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        resource = StructureResource()
        result = resource.import_data(dataset, dry_run=True)
        problems = row_problems(result)
        for line in problems:
            self.stdout.write(line)
        if not appliquer:
            self.stdout.write(f"Vérification : {len(dataset)} ligne(s), {len(problems)} en erreur. Rien n'est importé.")
            return
        if problems and not ignorer_lignes_en_erreur:
            raise CommandError(
                f"Aucune ligne importée : {len(problems)} ligne(s) en erreur. Corrigez-les, ou relancez avec "
                "--ignorer-lignes-en-erreur pour n'importer que les lignes valides."
            )
        bad = {row.number for row in result.invalid_rows} | {number for number, _ in result.row_errors()}
        kept = tablib.Dataset(headers=dataset.headers)
        for number, row in enumerate(dataset, start=1):
            if number not in bad:
                kept.append(row)
        final = StructureResource().import_data(kept, dry_run=False)
        if final.has_errors() or final.has_validation_errors():
            raise CommandError("L'import a échoué ; rien n'est importé.")
        self.stdout.write(f"Importé : {len(kept)} ligne(s) ; ignorées : {len(bad)}.")
