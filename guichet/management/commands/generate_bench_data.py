import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from guichet.discovery import app_modules


class Command(BaseCommand):
    help = (
        "Génère un grand jeu de données synthétiques, déterministe, pour le banc de mesure (make bench) : "
        "chaque application qui a un module bench.py y ajoute ses contenus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20261123)
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--force", action="store_true", help="Hors mode debug (banc de mesure seulement).")

    def handle(self, *args, seed, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Données synthétiques : seulement avec DJANGO_DEBUG=1 ou --force (banc de mesure).")
        rng = random.Random(seed)
        with transaction.atomic():
            for config, module in app_modules("bench"):
                counts = module.generate(rng, scale=scale)
                summary = ", ".join(f"{count} {name}" for name, count in counts.items())
                self.stdout.write(f"{config.verbose_name} : {summary}")
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather them in production after such an import.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
