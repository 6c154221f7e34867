"""Demo aids and dispositifs, written from ../shared/DOMAIN.md and the sources of DOMAIN-CHECK.md.

`reviewed` is the date of the source page when the page gives one; None when only a year is known (the page then says
"date de vérification inconnue" and the back office lists the entry as "à actualiser"). Amounts carry their year; what
is unsure says "à vérifier". Phone numbers only where a source confirms them.
"""

from datetime import date

INDEPENDANTES = [
    "artisane",
    "commercante",
    "liberale-non-reglementee",
    "micro-entrepreneuse",
    "gerante-majoritaire",
]
TNS = [*INDEPENDANTES, "liberale-reglementee", "conjointe-collaboratrice"]

AIDS = [
    {
        "slug": "indemnites-journalieres-independantes",
        "title": "Indemnités journalières maladie des travailleuses indépendantes",
        "summary": "Pendant un arrêt de travail, l'Assurance maladie peut vous verser une somme par jour, "
        "calculée sur vos revenus des trois dernières années.",
        "benefit": "Une somme par jour d'arrêt, qui compense une partie de la perte de revenus. Elle est égale à "
        "1/730 de votre revenu moyen des trois dernières années civiles, dans la limite du plafond annuel de la "
        "Sécurité sociale (PASS). En dessous d'un revenu minimum, rien n'est versé.\n\n"
        "Durée : 360 jours au plus sur 3 ans, et jusqu'à 3 ans en cas d'affection de longue durée (ALD), "
        "comme un cancer du sein.",
        "audience": "Artisanes, commerçantes, professions libérales non réglementées, micro-entrepreneuses et "
        "gérantes majoritaires de SARL ou d'EURL : depuis le 1er janvier 2020, elles dépendent de l'Assurance "
        "maladie (CPAM) et paient leurs cotisations à l'URSSAF. Les conjointes collaboratrices reçoivent un "
        "montant forfaitaire.",
        "conditions": "Être affiliée depuis au moins 12 mois\n"
        "Arrêter complètement son activité\n"
        "Envoyer l'arrêt de travail à la CPAM dans les 48 heures\n"
        "Délai de carence de 3 jours ; en ALD, il ne s'applique qu'au premier arrêt de la période de 3 ans",
        "amount": "De 25,80 € à 64,52 € par jour (6,00 € par jour au minimum pour une micro-entrepreneuse) ; "
        "rien si le revenu moyen est inférieur à 4 383,20 €",
        "amount_year": 2025,
        "to_verify_note": "Montants 2025 publiés par un assureur, à confirmer sur ameli.fr. Pour 2026, le plafond "
        "(PASS 48 060 €) donnerait au plus 65,84 € par jour : c'est un calcul, pas un montant publié.",
        "how_to_apply": "Votre médecin établit l'arrêt de travail. Envoyez-le à votre caisse d'assurance maladie "
        "dans les 48 heures ; c'est elle qui verse les indemnités.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr",
        "source_url": "https://pro.apicil.com/prevoyance/artisans-commercants-prestations-assurance-maladie/",
        "reviewed": None,
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement"],
        "statuses": [*INDEPENDANTES, "conjointe-collaboratrice"],
        "requires_twelve_months": True,
    },
    {
        "slug": "indemnites-journalieres-professions-liberales",
        "title": "Indemnités journalières des professions libérales réglementées",
        "summary": "Depuis le 1er juillet 2021, les libérales affiliées à une caisse de la CNAVPL touchent des "
        "indemnités de l'Assurance maladie pendant 90 jours ; ensuite, cela dépend de leur caisse.",
        "benefit": "Des indemnités journalières versées par la CPAM pendant les 90 premiers jours d'arrêt.\n\n"
        "À partir du 91e jour, tout dépend de votre caisse : la CARMF, la CARPIMKO, la CARCDSF et la CAVEC "
        "prennent le relais ; la CIPAV et plusieurs autres caisses ne versent rien. Une prévoyance est alors "
        "essentielle.",
        "audience": "Professions libérales réglementées affiliées à une caisse de la CNAVPL (CIPAV, CARMF, "
        "CARPIMKO, CARCDSF, CAVEC…), et leurs conjointes collaboratrices depuis 2022. Les avocates en sont "
        "exclues : elles relèvent de leur propre régime (CNBF).",
        "conditions": "Être affiliée depuis au moins 12 mois\nDélai de carence de 3 jours\n90 jours au plus",
        "to_verify_note": "Ce que versent les caisses après le 90e jour vient de sources de courtiers : "
        "vérifiez auprès de votre caisse.",
        "how_to_apply": "Envoyez votre arrêt de travail à la CPAM, qui verse les indemnités des 90 premiers "
        "jours. Contactez votre caisse de retraite pour la suite.",
        "apply_organisation": "CPAM, puis votre caisse de la CNAVPL",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr/assure/remboursements/indemnites-journalieres-maladie-maternite-"
        "paternite/arret-maladie-profession-liberale",
        "source_url": "https://www.ameli.fr/assure/remboursements/indemnites-journalieres-maladie-maternite-"
        "paternite/arret-maladie-profession-liberale",
        "reviewed": date(2024, 5, 13),
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement"],
        "statuses": ["liberale-reglementee", "conjointe-collaboratrice"],
        "requires_twelve_months": True,
    },
    {
        "slug": "temps-partiel-therapeutique-independantes",
        "title": "Temps partiel thérapeutique des travailleuses indépendantes",
        "summary": "Reprendre votre activité à temps partiel pour raison médicale, en gardant une partie de vos "
        "indemnités journalières.",
        "benefit": "Vous reprenez une partie de votre activité et vous touchez la moitié de votre indemnité "
        "journalière.\n\nPour les arrêts commencés depuis le 1er juillet 2021 : 90 jours en général. Pour une "
        "artisane, une commerçante ou une libérale non réglementée en ALD : jusqu'à 270 jours sur la période de "
        "3 ans, plus un an, sans arrêt à temps complet préalable.",
        "audience": "Travailleuses indépendantes, depuis le 1er mai 2017 (décret 2017-612).",
        "conditions": "Avoir eu un arrêt à temps complet indemnisé juste avant, sauf en ALD\n"
        "Une prescription de votre médecin",
        "to_verify_note": "Les durées viennent de l'article D622-10 du Code de la sécurité sociale lu sur un "
        "miroir de Légifrance : vérifiez la version en vigueur sur legifrance.gouv.fr.",
        "how_to_apply": "Votre médecin prescrit le temps partiel thérapeutique ; envoyez la prescription à votre CPAM.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr",
        "source_url": "https://tricoteuses.fr/legifrance/articles/LEGIARTI000043656708",
        "reviewed": None,
        "themes": ["maintien-activite", "droits-protection-sociale"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "indemnites-journalieres-presidente-sas",
        "title": "Présidente de SAS ou de SASU : des indemnités journalières si vous êtes rémunérée",
        "summary": "Assimilée salariée, la présidente de SAS touche des indemnités journalières du régime "
        "général seulement si elle est rémunérée et cotise assez.",
        "benefit": "Des indemnités journalières du régime général pendant l'arrêt de travail. Vos soins sont "
        "pris en charge quelle que soit votre rémunération ; en revanche, indemnités journalières et retraite "
        "seulement si vous êtes rémunérée.",
        "audience": "Présidentes de SAS ou de SASU rémunérées pour leur mandat. Sans rémunération, pas de "
        "cotisations, donc pas d'indemnités journalières. Vous n'avez pas droit aux aides sociales du CPSTI, "
        "réservées aux travailleurs indépendants.",
        "conditions": "Avoir cotisé sur au moins 1 015 fois le SMIC horaire pendant les 6 mois avant l'arrêt, "
        "ou avoir travaillé 150 heures sur 3 mois\n"
        "Au-delà de 6 mois d'arrêt : 12 mois d'affiliation et 2 030 fois le SMIC horaire ou 600 heures",
        "to_verify_note": "Les conditions viennent de sources secondaires (fesp.fr) : vérifiez auprès de votre CPAM.",
        "how_to_apply": "Envoyez votre arrêt de travail à la CPAM dans les 48 heures, comme une salariée.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr",
        "source_url": "https://www.fesp.fr/les-ijss-ne-sont-pas-versees-apres-le-6eme-mois-si-lassure-nen-a-pas-"
        "beneficie-auparavant",
        "reviewed": None,
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement", "prevention"],
        "statuses": ["presidente-sas"],
        "requires_paid_mandate": True,
    },
    {
        "slug": "indemnites-journalieres-agricultrices-amexa",
        "title": "Indemnités journalières des agricultrices (AMEXA, MSA)",
        "summary": "Les exploitantes agricoles touchent des indemnités journalières de la MSA pendant un arrêt "
        "de travail.",
        "benefit": "Des indemnités journalières pendant l'arrêt : 360 jours au plus sur 3 ans, ou 3 ans en cas "
        "d'affection de longue durée.",
        "audience": "Agricultrices affiliées à la MSA (assurance AMEXA).",
        "conditions": "Un an d'affiliation\n"
        "Délai de carence de 7 jours (3 jours en cas d'hospitalisation)\n"
        "Depuis le 1er janvier 2026 : être à jour de la cotisation AMEXA de l'avant-dernière année",
        "to_verify_note": "Les montants publiés sont anciens (2018) : demandez le montant actuel à votre MSA.",
        "how_to_apply": "Envoyez votre arrêt de travail à votre caisse de MSA.",
        "apply_organisation": "Mutualité sociale agricole (MSA) de votre département",
        "apply_url": "https://www.msa.fr",
        "source_url": "https://ald-travail.fr/article/arret-de-travail-en-cours-maladie-agriculteurs",
        "reviewed": date(2025, 4, 25),
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement"],
        "statuses": ["agricultrice"],
        "requires_twelve_months": True,
    },
    {
        "slug": "affection-longue-duree-cancer-du-sein",
        "title": "Affection de longue durée (ALD) : vos soins pris en charge à 100 %",
        "summary": "Le cancer du sein est une affection de longue durée : les soins prévus par votre protocole "
        "sont remboursés à 100 % du tarif de la Sécurité sociale.",
        "benefit": "Les soins liés au cancer, prévus par le protocole de soins, sont pris en charge à 100 % du "
        "tarif de la Sécurité sociale.\n\n"
        "La loi n° 2025-106 du 5 février 2025 prévoit en plus la prise en charge intégrale de soins et "
        "dispositifs propres au cancer du sein (prothèses, dermopigmentation, sous-vêtements adaptés). "
        "Prévu par la loi, pas encore applicable : fin 2025, ses décrets n'étaient pas publiés.",
        "audience": "Toute personne soignée pour un cancer du sein, quel que soit son statut.",
        "conditions": "Un protocole de soins rédigé par votre médecin traitant et accepté par votre caisse",
        "to_verify_note": "Application de la loi du 5 février 2025 : décrets non publiés au 15 octobre 2025, "
        "vérifiez où elle en est.",
        "how_to_apply": "Votre médecin traitant remplit le protocole de soins et l'envoie à votre caisse "
        "d'assurance maladie.",
        "apply_organisation": "Votre médecin traitant, puis votre caisse d'assurance maladie",
        "source_url": "https://www.vie-publique.fr/loi/294423-cancer-du-sein-proposition-de-loi-meilleure-prise-"
        "en-charge-des-soins",
        "reviewed": date(2025, 10, 15),
        "themes": ["sante-soins-support", "droits-protection-sociale"],
        "phases": ["traitement", "apres"],
        "statuses": [],
    },
    {
        "slug": "pension-invalidite-artisanes-commercantes",
        "title": "Pension d'invalidité des artisanes et commerçantes",
        "summary": "Si la maladie réduit durablement votre capacité de travail, une pension d'invalidité peut "
        "compléter vos revenus.",
        "benefit": "Une pension égale à 50 % du revenu moyen en cas d'invalidité totale, ou à 30 % en cas "
        "d'incapacité partielle à exercer votre métier.",
        "audience": "Artisanes et commerçantes (et les indépendantes du même régime) avant l'âge de la "
        "retraite. Les libérales réglementées dépendent de leur propre caisse.",
        "conditions": "Capacité de travail réduite d'au moins deux tiers\n"
        "Toucher des indemnités journalières, ou 12 mois d'affiliation avec un revenu moyen d'au moins 10 % du "
        "PASS sur 3 ans\nNe pas avoir atteint l'âge de la retraite",
        "to_verify_note": "Conditions tirées de sources spécialisées (2020) : vérifiez auprès de votre CPAM.",
        "how_to_apply": "Parlez-en à votre médecin ; la demande se fait auprès de votre caisse d'assurance maladie.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "source_url": "https://www.lemondedesartisans.fr/actualites/quelle-protection-pour-lartisan-invalide",
        "reviewed": date(2020, 3, 2),
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
        "requires_twelve_months": True,
    },
    {
        "slug": "action-sociale-urssaf-cpsti",
        "title": "Action sociale de l'URSSAF et du CPSTI : aides financières",
        "summary": "Des aides ponctuelles pour les indépendantes en difficulté, y compris pour raison de santé : "
        "aide aux cotisants en difficulté, aide financière exceptionnelle, fonds catastrophe.",
        "benefit": "Une prise en charge de cotisations ou une aide financière, décidée par une commission qui "
        "examine les dossiers de façon anonyme. Les problèmes de santé sont un motif reconnu.",
        "audience": "Travailleuses indépendantes, micro-entrepreneuses comprises.",
        "conditions": "En général, plus d'un an d'activité indépendante\n"
        "Pour l'aide aux cotisants en difficulté : avoir déjà payé des cotisations",
        "how_to_apply": "Faites la demande auprès de l'URSSAF (formulaire d'action sociale), en expliquant votre "
        "situation.",
        "apply_organisation": "URSSAF",
        "apply_phone": "3698",
        "apply_url": "https://www.urssaf.fr/portail/home/artisan-commercant/action-sociale/laction-sociale-pour-"
        "les-travail.html",
        "source_url": "https://www.urssaf.fr/portail/home/artisan-commercant/action-sociale/laction-sociale-pour-"
        "les-travail.html",
        "reviewed": date(2024, 3, 8),
        "themes": ["argent-aides"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "delais-recalcul-cotisations-urssaf",
        "title": "Délais de paiement et recalcul des cotisations URSSAF",
        "summary": "Si vos revenus baissent, vous pouvez demander des délais ou faire recalculer vos cotisations "
        "provisionnelles sur votre revenu estimé.",
        "benefit": "Des échéances étalées, ou des cotisations provisionnelles recalculées sur le revenu que vous "
        "estimez pour l'année, plutôt que sur celui des années passées.",
        "audience": "Travailleuses indépendantes qui cotisent à l'URSSAF.",
        "conditions": "",
        "how_to_apply": "Demandez-le en ligne depuis votre espace URSSAF ou par téléphone au 3698 (service "
        "gratuit + prix d'un appel).",
        "apply_organisation": "URSSAF",
        "apply_phone": "3698",
        "apply_url": "https://www.urssaf.fr",
        "source_url": "https://www.secu-independants.fr/cotisations/modalites-paiement/difficultes-de-paiement/",
        "reviewed": None,
        "themes": ["argent-aides", "maintien-activite"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "rqth-reconnaissance-travailleuse-handicapee",
        "title": "Reconnaissance de la qualité de travailleuse handicapée (RQTH)",
        "summary": "La RQTH ouvre l'accès aux aides de l'Agefiph et à l'accompagnement de Cap emploi, "
        "y compris pour une indépendante.",
        "benefit": "Une reconnaissance administrative qui donne accès à des aides et à des accompagnements "
        "pour garder ou adapter votre activité (Agefiph, Cap emploi).",
        "audience": "Toute personne dont la maladie ou ses suites limitent le travail, quel que soit son statut.",
        "conditions": "Une demande à la MDPH avec le formulaire Cerfa 15692\nCompter 2 à 6 mois pour la décision",
        "how_to_apply": "Remplissez le formulaire de demande à la MDPH de votre département, avec un certificat "
        "médical.",
        "apply_organisation": "Maison départementale des personnes handicapées (MDPH)",
        "apply_url": "https://www.monparcourshandicap.gouv.fr",
        "source_url": "https://mallettedesparents.onisep.fr/Formation-et-handicap/Vers-l-emploi/S-inserer/RQTH-"
        "halte-aux-prejuges/travailleur-handicape-tout-savoir-sur-les-demarches",
        "reviewed": date(2021, 3, 2),
        "themes": ["maintien-activite", "droits-protection-sociale"],
        "phases": ["traitement", "apres"],
        "statuses": [],
    },
    {
        "slug": "agefiph-aide-creation-reprise-entreprise",
        "title": "Agefiph : aide à la création ou à la reprise d'une entreprise",
        "summary": "Une aide forfaitaire pour créer ou reprendre une entreprise quand on a une reconnaissance "
        "de handicap.",
        "benefit": "Une somme forfaitaire pour démarrer votre activité.",
        "audience": "Personnes bénéficiaires de l'obligation d'emploi des travailleurs handicapés (RQTH ou autre "
        "titre) qui créent ou reprennent une entreprise.",
        "conditions": "Faire la demande avant l'immatriculation, ou dans les 6 mois qui suivent\n"
        "Être accompagnée par un conseiller ou un expert agréé",
        "amount": "3 000 € (montant temporaire annoncé jusqu'à la fin de 2025)",
        "amount_year": 2025,
        "to_verify_note": "Le montant pour 2026 n'est pas connu : vérifiez sur agefiph.fr.",
        "how_to_apply": "La demande se fait avec le conseiller qui vous accompagne dans votre projet.",
        "apply_organisation": "Agefiph",
        "apply_url": "https://agefiph.fr/aides-handicap/aide-la-creation-ou-la-reprise-dune-entreprise-par-des-"
        "personnes-handicapees",
        "source_url": "https://agefiph.fr/aides-handicap/aide-la-creation-ou-la-reprise-dune-entreprise-par-des-"
        "personnes-handicapees",
        "reviewed": None,
        "themes": ["argent-aides", "reconversion"],
        "phases": ["apres", "prevention"],
        "statuses": [],
    },
    {
        "slug": "agefiph-adaptation-situation-de-travail",
        "title": "Agefiph : adapter votre situation de travail",
        "summary": "L'Agefiph peut financer l'adaptation de votre poste ou de votre façon de travailler, "
        "y compris si vous êtes indépendante.",
        "benefit": "Un financement pour adapter votre situation de travail (matériel, organisation), sur avis médical.",
        "audience": "Travailleuses handicapées, y compris indépendantes.",
        "conditions": "Un avis médical\nUne reconnaissance de handicap (par exemple la RQTH)",
        "how_to_apply": "Renseignez-vous auprès de l'Agefiph ou de Cap emploi.",
        "apply_organisation": "Agefiph",
        "apply_url": "https://www.agefiph.fr/Entreprise/Maintenir-dans-l-emploi/Aides-a-l-amenagement-des-"
        "situations-de-travail",
        "source_url": "https://www.agefiph.fr/Entreprise/Maintenir-dans-l-emploi/Aides-a-l-amenagement-des-"
        "situations-de-travail",
        "reviewed": None,
        "themes": ["maintien-activite"],
        "phases": ["traitement", "apres"],
        "statuses": TNS,
    },
    {
        "slug": "ama-aide-maintien-activite-independantes",
        "title": "Aide pour un accompagnement au maintien dans l'activité (AMA)",
        "summary": "Une aide du CPSTI, versée par l'Assurance maladie, pour garder votre activité : "
        "remplacement, embauche, formation, bilan de compétences ou aménagements.",
        "benefit": "Le financement d'un remplacement, d'une embauche, d'une formation, d'un bilan de compétences "
        "ou d'aménagements. Pas besoin d'être en arrêt de travail.",
        "audience": "Travailleuses indépendantes qui paient encore leurs cotisations.",
        "conditions": "Être indépendante en activité et cotiser\n"
        "Une RQTH, obtenue ou demandée, peut être demandée quand l'aide est cofinancée",
        "how_to_apply": "Remplissez le formulaire national depuis votre compte ameli, ou appelez le 36 46.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/aides-"
        "specifiques-travailleur-independant/aide-accompagnement-maintien-activite-ama",
        "source_url": "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/aides-"
        "specifiques-travailleur-independant/aide-accompagnement-maintien-activite-ama",
        "reviewed": date(2024, 7, 9),
        "themes": ["maintien-activite", "argent-aides"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "aide-au-repit-travailleur-independant",
        "title": "Aide au répit du travailleur indépendant actif",
        "summary": "Pour une indépendante qui réduit son activité parce qu'elle aide un proche en perte d'autonomie.",
        "benefit": "Une aide pour financer, par exemple, un accueil de jour ou un hébergement temporaire de la "
        "personne aidée.",
        "audience": "Travailleuses indépendantes qui aident un proche en perte d'autonomie (par exemple une "
        "proche qui accompagne une entrepreneuse malade).",
        "conditions": "Pas de durée minimale d'affiliation",
        "how_to_apply": "Formulaire national depuis le compte ameli, ou par téléphone au 36 46.",
        "apply_organisation": "Caisse primaire d'assurance maladie (CPAM)",
        "apply_phone": "36 46",
        "apply_url": "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/aides-"
        "specifiques-travailleur-independant/aide-repit-travailleur-independant-actif",
        "source_url": "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/aides-"
        "specifiques-travailleur-independant/aide-repit-travailleur-independant-actif",
        "reviewed": None,
        "themes": ["vie-personnelle-proches"],
        "phases": [],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "droit-a-l-oubli-loi-lemoine",
        "title": "Droit à l'oubli pour emprunter après un cancer",
        "summary": "Cinq ans après la fin du protocole thérapeutique sans rechute, vous n'avez plus à déclarer "
        "votre cancer à l'assureur de votre prêt.",
        "benefit": "Plus besoin de déclarer le cancer à l'assurance de votre emprunt 5 ans après « la fin du "
        "protocole thérapeutique » sans rechute (loi n° 2022-270 du 28 février 2022, dite loi Lemoine).\n\n"
        "Depuis le 1er juin 2022, plus de questionnaire de santé pour les prêts de moins de 200 000 € par "
        "personne qui se terminent avant vos 60 ans.",
        "audience": "Toute personne qui emprunte après un cancer, pour un projet personnel ou professionnel.",
        "conditions": "5 ans après la fin du protocole thérapeutique, sans rechute\n"
        "Questionnaire supprimé : prêts de moins de 200 000 € par personne (tous prêts en cours compris), "
        "remboursés avant 60 ans",
        "to_verify_note": "Si l'hormonothérapie compte dans « le protocole thérapeutique » n'a pas été vérifié : "
        "posez la question à l'assureur ou à la convention AERAS.",
        "how_to_apply": "Rien à demander : c'est un droit. En cas de difficulté, renseignez-vous auprès de la "
        "convention AERAS.",
        "apply_organisation": "Convention AERAS",
        "apply_url": "http://www.aeras-infos.fr",
        "source_url": "http://www.aeras-infos.fr/sites/aeras/accueil/la-convention-aeras/le-cadre-de-la-"
        "convention-aeras/le-droit-a-loubli-et-la-grille-1.html",
        "reviewed": None,
        "themes": ["droits-protection-sociale", "vie-personnelle-proches"],
        "phases": ["apres"],
        "statuses": [],
    },
    {
        "slug": "prevoyance-madelin",
        "title": "Contrat de prévoyance « Madelin » : des cotisations déductibles",
        "summary": "Une prévoyance qui verse des indemnités en cas d'arrêt ou d'invalidité ; ses cotisations "
        "sont déductibles du bénéfice imposable pour les indépendantes au régime réel.",
        "benefit": "Les cotisations d'un contrat de prévoyance (indemnités en cas d'arrêt, invalidité) sont "
        "déductibles de votre bénéfice imposable (article 154 bis du Code général des impôts). Les sommes "
        "versées par le contrat sont imposables.",
        "audience": "Travailleuses non salariées imposées au régime réel (BIC ou BNC), gérantes majoritaires, "
        "conjointes collaboratrices. Pas les micro-entrepreneuses : l'abattement forfaitaire couvre déjà les "
        "frais.",
        "conditions": "Souscrire le contrat avant d'être malade : c'est une protection à prendre maintenant",
        "to_verify_note": "Règles tirées de sources secondaires : aucune page de impots.gouv.fr n'a été "
        "trouvée. Vérifiez avec votre comptable.",
        "how_to_apply": "Comparez les contrats auprès d'assureurs ou de mutuelles, et parlez-en à votre comptable.",
        "source_url": "https://www.gus-assurance.fr/guide/fiscalite-prevoyance-madelin",
        "reviewed": None,
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["prevention"],
        "statuses": [
            "artisane",
            "commercante",
            "liberale-non-reglementee",
            "liberale-reglementee",
            "gerante-majoritaire",
            "conjointe-collaboratrice",
        ],
    },
    {
        "slug": "aide-financiere-ligue-contre-le-cancer",
        "title": "Aide financière de la Ligue contre le cancer",
        "summary": "Les comités départementaux de la Ligue peuvent accorder une aide financière aux personnes "
        "malades en difficulté.",
        "benefit": "Une aide financière ponctuelle, dont le montant varie selon la situation et le comité.",
        "audience": "Personnes malades d'un cancer en difficulté financière, quel que soit leur statut.",
        "conditions": "Un dossier préparé par une assistante sociale\n"
        "Un certificat médical sous pli cacheté\n"
        "Examen anonyme par la commission du comité départemental",
        "how_to_apply": "Demandez à une assistante sociale (de l'hôpital, de votre caisse ou de votre commune) "
        "de monter le dossier avec vous.",
        "apply_organisation": "Comité départemental de la Ligue contre le cancer",
        "source_url": "https://ligue-cancer.net/la-commission-sociale-daide-aux-malades",
        "reviewed": None,
        "themes": ["argent-aides"],
        "phases": ["traitement"],
        "statuses": [],
    },
    {
        "slug": "allocation-journaliere-proche-aidant",
        "title": "Congé et allocation journalière du proche aidant (AJPA)",
        "summary": "Pour une proche qui réduit son activité pour vous accompagner : une allocation par jour, "
        "versée par la CAF ou la MSA.",
        "benefit": "Une allocation par jour de congé pris pour aider un proche ; 66 jours par personne aidée, "
        "jusqu'à 4 personnes, au plus 22 jours par mois.",
        "audience": "Les proches aidants, salariés ou indépendants.",
        "conditions": "Aider un proche dont la perte d'autonomie ou le handicap est reconnu",
        "amount": "65,80 € par jour",
        "amount_year": 2025,
        "to_verify_note": "Le montant 2026 (66,66 € selon une source secondaire) est à vérifier sur caf.fr.",
        "how_to_apply": "Faites la demande auprès de la CAF, ou de la MSA si vous en dépendez.",
        "apply_organisation": "CAF ou MSA",
        "apply_url": "https://www.caf.fr",
        "source_url": "https://caf.fr/professionnels/actualites/l-allocation-journaliere-du-proche-aidant-evolue",
        "reviewed": date(2025, 1, 17),
        "themes": ["vie-personnelle-proches", "argent-aides"],
        "phases": ["traitement"],
        "statuses": [],
    },
    {
        "slug": "formation-reconversion-independantes",
        "title": "Se former ou se reconvertir : CPF et fonds de formation des indépendantes",
        "summary": "Votre compte personnel de formation et le fonds de formation de votre métier financent un "
        "bilan de compétences, une VAE ou une formation.",
        "benefit": "Le compte personnel de formation (CPF) est crédité de 500 € par an, jusqu'à 5 000 €. Il "
        "finance notamment un bilan de compétences ou une validation des acquis de l'expérience (VAE). Les "
        "fonds de formation complètent : FAFCEA pour les artisanes, AGEFICE pour les commerçantes, FIFPL pour "
        "les libérales (FAF-PM pour les médecins, VIVEA pour les agricultrices).",
        "audience": "Travailleuses indépendantes qui ont payé leur contribution à la formation professionnelle.",
        "conditions": "Le CPF n'est crédité que si la contribution à la formation professionnelle (CFP) a été payée",
        "how_to_apply": "Consultez vos droits sur moncompteformation.gouv.fr et le site du fonds de formation de "
        "votre métier.",
        "apply_url": "https://www.moncompteformation.gouv.fr",
        "source_url": "https://verneuil-davre-et-diton.fr/trouver-un-service/droits-et-demarches.html?flux_"
        "selected=pro&xml=F31148",
        "reviewed": None,
        "themes": ["reconversion"],
        "phases": ["apres"],
        "statuses": TNS,
    },
    {
        "slug": "prevention-desinsertion-professionnelle",
        "title": "Cellule de prévention de la désinsertion professionnelle",
        "summary": "Si la maladie menace votre activité, la CPAM ou la MSA peut réunir une équipe pour vous "
        "aider à la garder.",
        "benefit": "Une équipe pluridisciplinaire (Assurance maladie, CARSAT, Cap emploi) analyse votre situation "
        "et cherche avec vous des solutions pour garder votre activité.",
        "audience": "Travailleuses indépendantes dont l'état de santé menace l'activité.",
        "conditions": "Parler de votre situation à votre médecin\nLa signaler à la CPAM ou à la MSA",
        "how_to_apply": "Signalez votre situation à la CPAM au 36 46 (service d'appel gratuit), ou à votre MSA.",
        "apply_organisation": "CPAM ou MSA",
        "apply_phone": "36 46",
        "apply_url": "https://www.monparcourshandicap.gouv.fr/emploi/travailleur-independant-que-faire-pour-"
        "maintenir-mon-activite",
        "source_url": "https://www.monparcourshandicap.gouv.fr/emploi/travailleur-independant-que-faire-pour-"
        "maintenir-mon-activite",
        "reviewed": None,
        "themes": ["maintien-activite"],
        "phases": ["traitement", "apres"],
        "statuses": [*INDEPENDANTES, "agricultrice"],
    },
    {
        "slug": "depistage-organise-cancer-du-sein",
        "title": "Dépistage organisé du cancer du sein",
        "summary": "De 50 à 74 ans, vous êtes invitée tous les deux ans à une mammographie et un examen "
        "clinique des seins, pris en charge à 100 %.",
        "benefit": "Une mammographie et un examen clinique des seins tous les deux ans, avec une seconde lecture "
        "des clichés jugés normaux. Pris en charge à 100 %.",
        "audience": "Toutes les femmes de 50 à 74 ans, quel que soit leur statut.",
        "conditions": "Avoir entre 50 et 74 ans",
        "to_verify_note": "La prise en charge à 100 % est citée par une source secondaire (ARS, via agevillage.com).",
        "how_to_apply": "Vous recevez une invitation par courrier ; prenez rendez-vous chez un radiologue agréé. "
        "Parlez-en à votre médecin si vous ne l'avez pas reçue.",
        "source_url": "https://santepubliquefrance.fr/maladies-et-traumatismes/cancers/cancer-du-sein/articles/"
        "taux-de-participation-au-programme-de-depistage-organise-du-cancer-du-sein-2018-2019-et-evolution-"
        "depuis-2005",
        "reviewed": None,
        "themes": ["sante-soins-support"],
        "phases": ["prevention"],
        "statuses": [],
    },
    {
        "slug": "sante-au-travail-independantes-gims-13",
        "title": "Suivi en santé au travail pour les indépendantes des Bouches-du-Rhône (GIMS)",
        "summary": "Une indépendante sans salarié peut adhérer au service de santé au travail des Bouches-du-Rhône.",
        "benefit": "Un suivi par un service de santé au travail, utile pour préparer une reprise ou adapter "
        "votre activité.",
        "audience": "Travailleuses indépendantes sans salarié dans les Bouches-du-Rhône.",
        "conditions": "Ne pas avoir de salarié\nAdhérer au GIMS",
        "amount": "240 € HT par an (coût de l'adhésion)",
        "amount_year": 2024,
        "how_to_apply": "Adhérez auprès du GIMS.",
        "apply_organisation": "GIMS 13",
        "apply_url": "https://gims13.com/dirigeants",
        "source_url": "https://gims13.com/dirigeants",
        "reviewed": None,
        "themes": ["sante-soins-support", "maintien-activite"],
        "phases": ["prevention", "apres"],
        "statuses": INDEPENDANTES,
        "territories": ["13"],
    },
]
