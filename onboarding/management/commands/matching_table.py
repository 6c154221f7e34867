from django.core.management.base import BaseCommand

from guichet.answers import Answers
from guichet.enums import Phase, ProfessionalStatus
from onboarding import matching


class Command(BaseCommand):
    help = (
        "Affiche, à partir du contenu publié, les aides proposées pour chaque statut et chaque phase (tableau "
        "Markdown, pour relecture par une personne qui ne lit pas le code ; règles : onboarding/RULES.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--departement", default="", help="Code INSEE du département (vide : non répondu).")

    def handle(self, *args, departement="", **options):
        from guichet.models import Territory

        territory = Territory.objects.departements().filter(code=departement).first() if departement else None
        statuses = [*ProfessionalStatus, None]
        phases = [*Phase, None]
        self.stdout.write(
            "| Statut | Phase | Aides proposées, dans l'ordre (« ! » : essentielle, « ? » : à vérifier) |"
        )
        self.stdout.write("| --- | --- | --- |")
        for status in statuses:
            for phase in phases:
                answers = Answers(status=status.value if status else "", phase=phase.value if phase else "")
                aids = matching.aids_for(answers, territory)
                names = (
                    "; ".join(f"{s.entry.title}{' !' if s.essential else ''}{' ?' if s.to_check else ''}" for s in aids)
                    or "—"
                )
                status_label = status.label if status else "sans réponse"
                phase_label = phase.short_label if phase else "sans réponse"
                self.stdout.write(f"| {status_label} | {phase_label} | {names} |")
