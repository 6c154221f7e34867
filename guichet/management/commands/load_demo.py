from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guichet.discovery import app_modules


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (organisations, comptes de démonstration, contenus) "
        "de chaque application qui a un module demo.py. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Charger même quand DJANGO_DEBUG est désactivé (tests, banc de mesure). "
            "Jamais en production : les comptes de démonstration ont un mot de passe connu.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Le contenu de démonstration crée des comptes au mot de passe connu : il ne se charge "
                "qu'avec DJANGO_DEBUG=1 (ou --force hors production)."
            )
        with transaction.atomic():
            for config, module in app_modules("demo"):
                module.load()
                self.stdout.write(f"Démonstration chargée : {config.verbose_name}")
