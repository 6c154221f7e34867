"""Demo directory, from ../shared/DOMAIN.md and the sources of DOMAIN-CHECK.md.

Contact details only where a source confirms them; what a source dates from long ago says "à vérifier"; fictitious
entries (one per PACA département, to exercise the filters) say so and carry no phone number. Loading twice changes
nothing.
"""

from datetime import date

from django.utils.text import slugify

from annuaire.models import Service, Structure
from guichet.demo import aware, upsert
from guichet.enums import TerritoryKind
from guichet.models import Organisation, Territory, Theme

S = "structure"
APP = "application"

STRUCTURES = [
    {
        "slug": "ligue-contre-le-cancer-13-maison-bien-etre",
        "name": "Ligue contre le cancer, comité des Bouches-du-Rhône — Ma Maison Bien-Être",
        "kind": S,
        "category": "soins-de-support",
        "summary": "Un lieu gratuit à Marseille pour les personnes malades et leurs proches : activité physique "
        "adaptée, yoga, Pilates, socio-esthétique, coiffure, psychologues, cuisine.",
        "description": "Ouverte en 2021 dans le 1er arrondissement de Marseille. Depuis le 3 février 2026, le comité "
        "fait aussi circuler avec la Région Sud un camion, « Au fil de la Ligue ».",
        "access": ["gratuit", "adhesion"],
        "access_note": "Adhésion de 20 € par an demandée « si c'est possible » ; certificat médical pour l'activité "
        "physique adaptée.",
        "address": "7 rue Francis-Davso",
        "postal_code": "13001",
        "city": "Marseille",
        "territories": ["13"],
        "services": [
            ("Activité physique adaptée", ["sante-soins-support", "bien-etre"], ["traitement", "apres"]),
            ("Yoga et Pilates", ["bien-etre"], ["traitement", "apres"]),
            ("Socio-esthétique et coiffure", ["bien-etre"], ["traitement"]),
            ("Soutien psychologique", ["sante-soins-support"], []),
            ("Ateliers cuisine", ["bien-etre"], []),
        ],
        "source_url": "https://madeinmarseille.net/?p=91593",
        "reviewed": date(2021, 4, 27),
    },
    {
        "slug": "caire-13",
        "name": "Caire 13 (Cancer Aide Info Réseau Entrepreneur)",
        "kind": S,
        "category": "entrepreneuses",
        "summary": "Une aide gratuite et sur mesure pour les entrepreneurs touchés par un cancer, par des experts "
        "bénévoles : comptables, avocats, assureurs, médecins du travail.",
        "description": "Créée à Marseille en 2014 à l'initiative de l'Institut Paoli-Calmettes et du GIMS, elle "
        "accompagne par téléphone ou à distance, et désormais aussi pour d'autres maladies chroniques graves.",
        "access": ["gratuit"],
        "city": "Marseille",
        "territories": ["13"],
        "services": [
            (
                "Conseil d'experts bénévoles (comptable, juridique, assurance, santé au travail)",
                ["maintien-activite", "droits-protection-sociale"],
                ["traitement", "apres"],
            ),
        ],
        "source_url": "https://rose-up.fr/magazine/caire-13-association-travailleurs-independants-cancer",
        "reviewed": date(2024, 3, 25),
    },
    {
        "slug": "gims-13",
        "name": "GIMS 13 — santé au travail des Bouches-du-Rhône",
        "kind": S,
        "category": "entrepreneuses",
        "summary": "Le service de santé au travail des Bouches-du-Rhône ; une indépendante sans salarié peut y "
        "adhérer. Cofondateur de Caire 13.",
        "access": ["payant", "adhesion"],
        "access_note": "240 € HT par an en 2024 pour une indépendante sans salarié.",
        "website": "https://gims13.com/dirigeants",
        "territories": ["13"],
        "services": [("Suivi en santé au travail des dirigeantes", ["sante-soins-support", "maintien-activite"], [])],
        "source_url": "https://gims13.com/dirigeants",
        "reviewed": None,
    },
    {
        "slug": "gefluc-marseille-provence",
        "name": "GEFLUC Marseille-Provence",
        "kind": S,
        "category": "association",
        "summary": "Association créée en 1964 à Marseille : financement de la recherche, prévention au travail, aide "
        "au retour à l'emploi.",
        "website": "https://www.gefluc.org",
        "territories": ["13"],
        "services": [("Aide au retour à l'emploi", ["maintien-activite"], ["apres"])],
        "source_url": "https://www.gefluc.org/gefluc",
        "reviewed": None,
    },
    {
        "slug": "institut-paoli-calmettes",
        "name": "Institut Paoli-Calmettes",
        "kind": S,
        "category": "soins",
        "summary": "Centre de lutte contre le cancer à Marseille.",
        "address": "232 boulevard Sainte-Marguerite",
        "postal_code": "13009",
        "city": "Marseille",
        "phone": "04 91 22 33 33 (numéro de 2015, à vérifier)",
        "territories": ["13"],
        "services": [("Soins du cancer", ["sante-soins-support"], ["traitement"])],
        "source_url": "https://www.wikizero.net/wiki/fr/Institut_Paoli-Calmettes",
        "reviewed": None,
    },
    {
        "slug": "institut-du-cancer-avignon-provence",
        "name": "Institut du cancer Avignon-Provence (ICAP)",
        "kind": S,
        "category": "soins",
        "summary": "Centre de lutte contre le cancer à Avignon (anciennement Institut Sainte-Catherine), avec "
        "des soins "
        "de support dont le sport adapté.",
        "city": "Avignon",
        "territories": ["84"],
        "services": [
            ("Soins du cancer", ["sante-soins-support"], ["traitement"]),
            ("Soins de support et sport adapté", ["sante-soins-support", "bien-etre"], ["traitement", "apres"]),
        ],
        "source_url": "https://www.echodumardi.com/dossier/sainte-catherine-80-ans-dinnovation-cap-sur-2030/amp",
        "reviewed": None,
    },
    {
        "slug": "centre-antoine-lacassagne",
        "name": "Centre Antoine Lacassagne",
        "kind": S,
        "category": "soins",
        "summary": "Centre de lutte contre le cancer à Nice.",
        "city": "Nice",
        "territories": ["06"],
        "services": [("Soins du cancer", ["sante-soins-support"], ["traitement"])],
        "source_url": "",
        "reviewed": None,
    },
    {
        "slug": "carsat-sud-est",
        "name": "CARSAT Sud-Est — service social",
        "kind": S,
        "category": "organisme-public",
        "summary": "Le service social de la CARSAT aide à prévenir la perte d'emploi et d'activité liée à la santé.",
        "description": "Zone couverte à vérifier.",
        "address": "35 rue George",
        "postal_code": "13005",
        "city": "Marseille",
        "territories": ["region:93"],
        "services": [("Prévention de la désinsertion professionnelle", ["maintien-activite"], ["traitement", "apres"])],
        "source_url": "https://www.nouvellespublications.com/marseille-la-carsat-sud-est-envisage-de-reconstruire-son-"
        "siege-in-situ-109364.html",
        "reviewed": None,
    },
    {
        "slug": "ressource-aix-en-provence",
        "name": "Ressource (Aix-en-Provence)",
        "kind": S,
        "category": "soins-de-support",
        "summary": "Un centre de soins de support animé par des bénévoles, avec un programme personnalisé gratuit.",
        "description": "Présentée en 2019 avec une piscine et 140 bénévoles. Adresse à vérifier.",
        "access": ["gratuit"],
        "city": "Aix-en-Provence",
        "territories": ["13"],
        "services": [("Programme personnalisé de soins de support", ["bien-etre", "sante-soins-support"], [])],
        "source_url": "https://www.francebleu.fr/infos/sante-sciences/une-association-a-aix-en-provence-augmente-l-"
        "esperance-de-vie-des-victimes-de-cancer-1569859294",
        "reviewed": None,
    },
    {
        "slug": "siel-bleu",
        "name": "Siel Bleu",
        "kind": S,
        "category": "soins-de-support",
        "summary": "Association d'activité physique adaptée, avec des programmes après un cancer.",
        "services": [("Activité physique adaptée après un cancer", ["bien-etre", "sante-soins-support"], ["apres"])],
        "source_url": "https://www.lelabo-ess.org/siel-bleu-quand-la-sante-passe-par-l-activite.html",
        "reviewed": None,
    },
    {
        "slug": "vivre-comme-avant",
        "name": "Vivre comme Avant",
        "kind": S,
        "category": "association",
        "summary": "Depuis 1975, des bénévoles qui ont eu un cancer du sein rendent visite aux femmes malades à "
        "l'hôpital et les écoutent.",
        "description": "Environ 100 bénévoles dans 40 villes et 70 établissements. Antennes en Provence-Alpes-Côte "
        "d'Azur à vérifier.",
        "access": ["gratuit"],
        "services": [("Visites et écoute par d'anciennes patientes", ["vie-personnelle-proches"], ["traitement"])],
        "source_url": "https://www.france-assos-sante.org/actualite/vivre-comme-avant-desormais-chez-france-assos-"
        "sante-redonne-de-lespoir-aux-femmes-malades-du-cancer-du-sein",
        "reviewed": date(2023, 9, 27),
    },
    {
        "slug": "rose-up",
        "name": "Rose Up",
        "kind": S,
        "category": "association",
        "summary": "Association qui publie Rose Magazine et anime les Maisons Rose Up (Bordeaux, Paris, et une "
        "Maison numérique) ; accompagnement du retour au travail.",
        "services": [
            ("Information (Rose Magazine)", ["sante-soins-support", "vie-personnelle-proches"], []),
            ("Accompagnement du retour au travail", ["maintien-activite"], ["apres"]),
        ],
        "source_url": "https://www.mutualia.fr/particulier/actu/sante-et-prevoyance/news/les-maisons-roseup-un-cocon-"
        "pour-les-femmes-atteintes-de",
        "reviewed": None,
    },
    {
        "slug": "cancer-at-work",
        "name": "Cancer@Work",
        "kind": S,
        "category": "reconversion",
        "summary": "Un réseau d'entreprises, créé en 2012, engagé pour concilier cancer et travail.",
        "services": [("Réseau d'entreprises engagées", ["maintien-activite"], [])],
        "source_url": "https://francetravail.org/accueil/actualites/2023/anne-sophie-tuszynski-fondatrice-et-"
        "administratrice-de-cancerwork-ceo-de-wecarework---nous-devons-nous-mobiliser-pour-gagner-la.html?type=article",
        "reviewed": date(2023, 10, 19),
    },
    {
        "slug": "juris-sante",
        "name": "Juris Santé",
        "kind": S,
        "category": "droit",
        "summary": "Association nationale, basée à Lyon, qui informe gratuitement les patients sur leurs droits, "
        "sur rendez-vous.",
        "access": ["gratuit", "sur-rendez-vous"],
        "city": "Lyon",
        "services": [("Information juridique des patients", ["droits-protection-sociale"], [])],
        "source_url": "https://la-maison-du-cancer.com/magazine/le-bureau/tracas-administratifs/juris-sant-informe-les-"
        "patients-sur-leurs-droits",
        "reviewed": None,
    },
    {
        "slug": "sante-info-droits",
        "name": "Santé Info Droits (France Assos Santé)",
        "kind": S,
        "category": "droit",
        "summary": "Une ligne d'information où des avocats et juristes répondent à vos questions de droit de la santé "
        "et de protection sociale.",
        "phone": "01 53 62 40 30 (prix d'une communication normale)",
        "services": [("Réponses juridiques par téléphone", ["droits-protection-sociale"], [])],
        "source_url": "https://e-cancer.fr/Patients-et-proches/Demarches-sociales/Numeros-et-sites-d-information/Vos-"
        "droits",
        "reviewed": None,
    },
    {
        "slug": "urssaf",
        "name": "URSSAF — travailleurs indépendants",
        "kind": S,
        "category": "organisme-public",
        "summary": "Vos cotisations : délais de paiement, recalcul sur un revenu estimé, action sociale.",
        "phone": "3698 (service gratuit + prix d'un appel)",
        "website": "https://www.urssaf.fr",
        "services": [
            ("Délais et recalcul des cotisations", ["argent-aides"], ["traitement", "apres"]),
            ("Action sociale (aides financières)", ["argent-aides"], ["traitement", "apres"]),
        ],
        "source_url": "https://generali.fr/professionnel/actu/impossibilite-payer-cotisations-sociales",
        "reviewed": date(2021, 12, 21),
    },
    {
        "slug": "assurance-maladie-cpam",
        "name": "Assurance maladie (CPAM)",
        "kind": S,
        "category": "organisme-public",
        "summary": "Arrêt de travail et indemnités journalières, affection de longue durée, aides aux indépendantes "
        "(AMA), prévention de la désinsertion professionnelle.",
        "phone": "36 46 (service d'appel gratuit)",
        "website": "https://www.ameli.fr",
        "services": [
            ("Indemnités journalières et ALD", ["droits-protection-sociale", "argent-aides"], ["traitement"]),
            ("Aides aux indépendantes (AMA)", ["maintien-activite"], ["traitement", "apres"]),
        ],
        "source_url": "https://www.monparcourshandicap.gouv.fr/emploi/travailleur-independant-que-faire-pour-maintenir-"
        "mon-activite",
        "reviewed": None,
    },
    {
        "slug": "mon-reseau-cancer-du-sein",
        "name": "Mon Réseau Cancer du Sein",
        "kind": APP,
        "category": "association",
        "summary": "Un réseau social et une application gratuits et anonymes : échanger avec d'autres femmes, des "
        "informations validées et des adresses près de chez soi.",
        "description": "Créé en 2014 par Laure Guéroult-Accolas (association Patients en réseau).",
        "access": ["gratuit"],
        "cost": "Gratuit",
        "publisher": "Patients en réseau",
        "health_validation": "Informations vérifiées par un comité scientifique (Curie, Gustave Roussy, Ligue contre "
        "le cancer…).",
        "services": [("Réseau social entre patientes", ["vie-personnelle-proches"], [])],
        "source_url": "https://www.20minutes.fr/sante/1696183-20150927-reseau-cancer-sein-reseau-social-echanger-tabou-"
        "maladie",
        "reviewed": date(2015, 9, 27),
    },
    {
        "slug": "vik-sein",
        "name": "Vik Sein",
        "kind": APP,
        "category": "soins-de-support",
        "summary": "Un agent conversationnel qui répond aux questions sur le cancer du sein.",
        "access": ["gratuit"],
        "platforms": "iOS, Android",
        "cost": "Gratuit",
        "publisher": "Wefight, avec Mon Réseau Cancer du Sein",
        "health_validation": "Réponses vérifiées par des médecins.",
        "services": [("Réponses aux questions sur le cancer du sein", ["sante-soins-support"], [])],
        "source_url": "https://www.cnews.fr/vie-numerique/2022-10-23/cancer-du-sein-cette-application-pour-accompagner-"
        "les-femmes-1280360",
        "reviewed": date(2022, 10, 23),
    },
    {
        "slug": "mycharlotte",
        "name": "myCharlotte",
        "kind": APP,
        "category": "soins-de-support",
        "summary": "Une application web gratuite de soins de support : activités douces, méditation.",
        "access": ["gratuit"],
        "platforms": "Web",
        "cost": "Gratuit",
        "publisher": "Une jeune entreprise de Montpellier",
        "health_validation": "Testée dans des services de l'AP-HP et de l'AP-HM (2019).",
        "services": [("Activité physique douce et méditation", ["bien-etre"], ["traitement"])],
        "source_url": "https://www.rose-up.fr/magazine/mycharlotte-appli-soin-support-cancer/",
        "reviewed": None,
    },
    {
        "slug": "resilience",
        "name": "Resilience",
        "kind": APP,
        "category": "soins",
        "summary": "Télésurveillance en cancérologie, prescrite par l'équipe soignante pendant un traitement.",
        "access": ["sur-orientation"],
        "cost": "Pris en charge par l'Assurance maladie pour les adultes sous traitement systémique du cancer, depuis "
        "l'arrêté du 24 novembre 2023",
        "services": [("Suivi à distance pendant le traitement", ["sante-soins-support"], ["traitement"])],
        "source_url": "https://resilience-academy.stonly.com/kb/guide/fr/comprendre-la-prise-en-charge-par-lassurance-"
        "maladie-XsLzrUfZOi/Steps/3406703",
        "reviewed": None,
    },
]

# One fictitious entry per PACA département, to exercise the filters. No phone number.
DEMO = [
    ("04", "Digne-les-Bains", "soins-de-support", ["gratuit", "sur-rendez-vous"], "Atelier sport-santé", "bien-etre"),
    ("05", "Gap", "association", ["gratuit"], "Café des entrepreneuses", "vie-personnelle-proches"),
    ("06", "Antibes", "entrepreneuses", ["sur-rendez-vous"], "Permanence comptable solidaire", "maintien-activite"),
    ("13", "Aubagne", "soins-de-support", ["payant"], "Cabinet de socio-esthétique", "bien-etre"),
    ("83", "Toulon", "reconversion", ["gratuit", "sur-orientation"], "Atelier reconversion", "reconversion"),
    (
        "84",
        "Carpentras",
        "droit",
        ["gratuit", "sur-rendez-vous"],
        "Point d'information juridique",
        "droits-protection-sociale",
    ),
]

ACCESS = {
    "gratuit": "is_free",
    "payant": "is_paid",
    "sur-rendez-vous": "by_appointment",
    "sur-orientation": "on_referral",
    "adhesion": "membership",
}
FIELDS = (
    "summary",
    "description",
    "access_note",
    "address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "platforms",
    "cost",
    "publisher",
    "health_validation",
)


def _territories(codes):
    found = []
    for code in codes:
        if code.startswith("region:"):
            found.append(Territory.objects.get(kind=TerritoryKind.REGION, code=code.split(":")[1]))
        else:
            found.append(Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code=code))
    return found


def _load_one(data, *, owner, is_demo, themes):
    values = {name: data.get(name, "") for name in FIELDS}
    values.update({field: access in data.get("access", []) for access, field in ACCESS.items()})
    values.update(
        kind=data["kind"],
        category=data["category"],
        name=data["name"],
        owner=owner,
        status="publie",
        source_url=data.get("source_url", ""),
        reviewed_at=aware(data["reviewed"]) if data.get("reviewed") else None,
        is_demo=is_demo,
    )
    structure, _ = upsert(Structure, {"slug": data["slug"]}, values)
    territories = _territories(data.get("territories", []))
    if {t.pk for t in structure.territories.all()} != {t.pk for t in territories}:
        structure.territories.set(territories)
    wanted = [(name, sorted(theme_slugs), sorted(phases)) for name, theme_slugs, phases in data.get("services", [])]
    current = [
        (s.name, sorted(t.slug for t in s.themes.all()), sorted(p.code for p in s.phases.all()))
        for s in structure.services.order_by("position")
    ]
    if current != wanted:
        structure.services.all().delete()
        for position, (name, theme_slugs, phases) in enumerate(wanted):
            service = Service.objects.create(structure=structure, name=name, position=position)
            service.themes.set([themes[slug] for slug in theme_slugs])
            service.phases.set(phases)
        structure.refresh_search_text()


def load():
    owner = Organisation.objects.get(slug="equipe-guichet-unique")
    demo_owner = Organisation.objects.get(slug="entreprenantes-du-sud-demo")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for data in STRUCTURES:
        _load_one(data, owner=owner, is_demo=False, themes=themes)
    for code, city, category, access, service, theme in DEMO:
        _load_one(
            {
                "slug": slugify(f"demo-{code}-{service}"),
                "name": f"{service} de démonstration ({city}, fictif)",
                "kind": S,
                "category": category,
                "summary": "Entrée fictive, pour montrer les filtres de l'annuaire. Elle n'existe pas.",
                "access": access,
                "city": city,
                "territories": [code],
                "services": [(service, [theme], [])],
            },
            owner=demo_owner,
            is_demo=True,
            themes=themes,
        )
