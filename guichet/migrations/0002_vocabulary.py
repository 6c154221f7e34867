"""The shared vocabulary as facts: French régions and départements (INSEE codes, 2016 régions), the nation, the
service's first territory (PACA), the seven themes, and one row per phase and per professional status."""

from django.db import migrations

REGIONS = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}

# INSEE code of the département, its name, the INSEE code of its région.
DEPARTEMENTS = [
    ("01", "Ain", "84"),
    ("02", "Aisne", "32"),
    ("03", "Allier", "84"),
    ("04", "Alpes-de-Haute-Provence", "93"),
    ("05", "Hautes-Alpes", "93"),
    ("06", "Alpes-Maritimes", "93"),
    ("07", "Ardèche", "84"),
    ("08", "Ardennes", "44"),
    ("09", "Ariège", "76"),
    ("10", "Aube", "44"),
    ("11", "Aude", "76"),
    ("12", "Aveyron", "76"),
    ("13", "Bouches-du-Rhône", "93"),
    ("14", "Calvados", "28"),
    ("15", "Cantal", "84"),
    ("16", "Charente", "75"),
    ("17", "Charente-Maritime", "75"),
    ("18", "Cher", "24"),
    ("19", "Corrèze", "75"),
    ("2A", "Corse-du-Sud", "94"),
    ("2B", "Haute-Corse", "94"),
    ("21", "Côte-d'Or", "27"),
    ("22", "Côtes-d'Armor", "53"),
    ("23", "Creuse", "75"),
    ("24", "Dordogne", "75"),
    ("25", "Doubs", "27"),
    ("26", "Drôme", "84"),
    ("27", "Eure", "28"),
    ("28", "Eure-et-Loir", "24"),
    ("29", "Finistère", "53"),
    ("30", "Gard", "76"),
    ("31", "Haute-Garonne", "76"),
    ("32", "Gers", "76"),
    ("33", "Gironde", "75"),
    ("34", "Hérault", "76"),
    ("35", "Ille-et-Vilaine", "53"),
    ("36", "Indre", "24"),
    ("37", "Indre-et-Loire", "24"),
    ("38", "Isère", "84"),
    ("39", "Jura", "27"),
    ("40", "Landes", "75"),
    ("41", "Loir-et-Cher", "24"),
    ("42", "Loire", "84"),
    ("43", "Haute-Loire", "84"),
    ("44", "Loire-Atlantique", "52"),
    ("45", "Loiret", "24"),
    ("46", "Lot", "76"),
    ("47", "Lot-et-Garonne", "75"),
    ("48", "Lozère", "76"),
    ("49", "Maine-et-Loire", "52"),
    ("50", "Manche", "28"),
    ("51", "Marne", "44"),
    ("52", "Haute-Marne", "44"),
    ("53", "Mayenne", "52"),
    ("54", "Meurthe-et-Moselle", "44"),
    ("55", "Meuse", "44"),
    ("56", "Morbihan", "53"),
    ("57", "Moselle", "44"),
    ("58", "Nièvre", "27"),
    ("59", "Nord", "32"),
    ("60", "Oise", "32"),
    ("61", "Orne", "28"),
    ("62", "Pas-de-Calais", "32"),
    ("63", "Puy-de-Dôme", "84"),
    ("64", "Pyrénées-Atlantiques", "75"),
    ("65", "Hautes-Pyrénées", "76"),
    ("66", "Pyrénées-Orientales", "76"),
    ("67", "Bas-Rhin", "44"),
    ("68", "Haut-Rhin", "44"),
    ("69", "Rhône", "84"),
    ("70", "Haute-Saône", "27"),
    ("71", "Saône-et-Loire", "27"),
    ("72", "Sarthe", "52"),
    ("73", "Savoie", "84"),
    ("74", "Haute-Savoie", "84"),
    ("75", "Paris", "11"),
    ("76", "Seine-Maritime", "28"),
    ("77", "Seine-et-Marne", "11"),
    ("78", "Yvelines", "11"),
    ("79", "Deux-Sèvres", "75"),
    ("80", "Somme", "32"),
    ("81", "Tarn", "76"),
    ("82", "Tarn-et-Garonne", "76"),
    ("83", "Var", "93"),
    ("84", "Vaucluse", "93"),
    ("85", "Vendée", "52"),
    ("86", "Vienne", "75"),
    ("87", "Haute-Vienne", "75"),
    ("88", "Vosges", "44"),
    ("89", "Yonne", "27"),
    ("90", "Territoire de Belfort", "27"),
    ("91", "Essonne", "11"),
    ("92", "Hauts-de-Seine", "11"),
    ("93", "Seine-Saint-Denis", "11"),
    ("94", "Val-de-Marne", "11"),
    ("95", "Val-d'Oise", "11"),
    ("971", "Guadeloupe", "01"),
    ("972", "Martinique", "02"),
    ("973", "Guyane", "03"),
    ("974", "La Réunion", "04"),
    ("976", "Mayotte", "06"),
]

# The service opens in Provence-Alpes-Côte d'Azur.
COVERED_AT_LAUNCH = {"04", "05", "06", "13", "83", "84"}

# Colours: white text on each must reach 4.5:1 (checked by a test and by the model's validator).
THEMES = [
    (
        "droits-protection-sociale",
        "Droits et protection sociale",
        "#1f5fa8",
        "Indemnités, arrêt de travail, ALD, invalidité, prévoyance, droit à l'oubli.",
    ),
    (
        "argent-aides",
        "Argent et aides",
        "#8a5a00",
        "Aides financières, délais de cotisations, action sociale.",
    ),
    (
        "maintien-activite",
        "Maintien de l'activité",
        "#0b6e4f",
        "Garder son entreprise en vie : remplacement, adaptation, reprise.",
    ),
    (
        "sante-soins-support",
        "Santé et soins de support",
        "#a3195b",
        "Dépistage, soins, activité physique adaptée, soutien psychologique.",
    ),
    ("bien-etre", "Bien-être", "#6b3fa0", "Socio-esthétique, nutrition, détente, activités."),
    (
        "reconversion",
        "Reconversion",
        "#b03a00",
        "Bilan de compétences, formation, changer d'activité.",
    ),
    (
        "vie-personnelle-proches",
        "Vie personnelle et proches",
        "#00677f",
        "Famille, proches aidants, vie quotidienne.",
    ),
]

PHASES = ["prevention", "traitement", "apres"]
STATUSES = [
    "artisane",
    "commercante",
    "liberale-non-reglementee",
    "micro-entrepreneuse",
    "liberale-reglementee",
    "gerante-majoritaire",
    "presidente-sas",
    "conjointe-collaboratrice",
    "agricultrice",
    "ne-sait-pas",
]


def create_vocabulary(apps, schema_editor):
    Territory = apps.get_model("guichet", "Territory")
    Theme = apps.get_model("guichet", "Theme")
    PhaseTag = apps.get_model("guichet", "PhaseTag")
    StatusTag = apps.get_model("guichet", "StatusTag")

    Territory.objects.create(kind="national", code="FR", name="France entière")
    regions = {
        code: Territory.objects.create(kind="region", code=code, name=name, is_covered=(code == "93"))
        for code, name in REGIONS.items()
    }
    Territory.objects.bulk_create(
        Territory(
            kind="departement",
            code=code,
            name=name,
            parent=regions[region],
            is_covered=code in COVERED_AT_LAUNCH,
        )
        for code, name, region in DEPARTEMENTS
    )
    Theme.objects.bulk_create(
        Theme(slug=slug, name=name, colour=colour, description=description, position=position)
        for position, (slug, name, colour, description) in enumerate(THEMES)
    )
    PhaseTag.objects.bulk_create(PhaseTag(code=c, position=i) for i, c in enumerate(PHASES))
    StatusTag.objects.bulk_create(StatusTag(code=c, position=i) for i, c in enumerate(STATUSES))


def remove_vocabulary(apps, schema_editor):
    for name in ("StatusTag", "PhaseTag", "Theme"):
        apps.get_model("guichet", name).objects.all().delete()
    Territory = apps.get_model("guichet", "Territory")
    Territory.objects.filter(kind="departement").delete()
    Territory.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("guichet", "0001_initial")]

    operations = [migrations.RunPython(create_vocabulary, remove_vocabulary)]
