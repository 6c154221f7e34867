"""Demo sheets and inspiring contents, from ../shared/DOMAIN.md and its sources. Plain French; facts only where sourced.

Inspiring contents: real articles only where DOMAIN-CHECK.md cites them (their titles here describe them; they are not
the articles' own headlines); audio and video entries are fictitious and say so.
"""

from datetime import date

from ressources.demo_aids import INDEPENDANTES, TNS

SHEETS = [
    {
        "slug": "diagnostic-premieres-demarches-entreprise",
        "title": "Au diagnostic : les premières démarches pour votre entreprise",
        "summary": "Les quelques démarches à faire tôt pour protéger vos revenus et votre activité, sans tout "
        "retenir d'un coup.",
        "body": "<p>À l'annonce du diagnostic, on ne retient pas tout : c'est normal. Voici l'essentiel, dans "
        "l'ordre.</p>"
        "<ol><li><p><strong>Le protocole de soins</strong> : votre médecin traitant le rédige ; le cancer du sein "
        "est une affection de longue durée (ALD), vos soins sont pris en charge à 100 % du tarif de la "
        "Sécurité sociale.</p></li>"
        "<li><p><strong>L'arrêt de travail</strong> : envoyez-le à votre caisse dans les 48 heures pour toucher "
        "des indemnités journalières.</p></li>"
        "<li><p><strong>Vos cotisations</strong> : si vos revenus baissent, demandez à l'URSSAF des délais ou un "
        "recalcul (3698).</p></li>"
        "<li><p><strong>Votre prévoyance</strong> : si vous avez un contrat, prévenez l'assureur.</p></li>"
        "<li><p><strong>Quelqu'un à qui parler</strong> : votre comptable, une association, un groupe de "
        "pairs.</p></li></ol>",
        "questions": [
            (
                "Dois-je tout faire tout de suite ?",
                "Non. L'arrêt de travail a un délai court (48 heures) ; le reste peut attendre quelques jours. "
                "Une proche peut vous aider.",
            ),
            (
                "Qui appeler pour mes droits ?",
                "Votre caisse d'assurance maladie au 36 46, l'URSSAF au 3698 pour les cotisations.",
            ),
        ],
        "source_url": "https://e-cancer.fr/Patients-et-proches/Vie-professionnelle-et-etudiante/Revenus-pendant-un-"
        "arret-de-travail/Artisans-commercants-et-professionnels-liberaux-non-reglementes",
        "themes": ["droits-protection-sociale", "maintien-activite"],
        "phases": ["traitement"],
        "statuses": [],
    },
    {
        "slug": "arret-maladie-independante",
        "title": "L'arrêt maladie quand on est indépendante",
        "summary": "Comment sont calculées vos indemnités journalières, combien de temps elles durent et ce qu'il "
        "faut envoyer.",
        "body": "<p>Artisane, commerçante, libérale non réglementée, micro-entrepreneuse ou gérante majoritaire : "
        "depuis 2020, vous dépendez de l'Assurance maladie (CPAM).</p>"
        "<h2>Le calcul</h2><p>L'indemnité est égale à 1/730 de votre revenu moyen des trois dernières années, "
        "dans la limite du plafond de la Sécurité sociale. En dessous d'un revenu minimum, rien n'est versé.</p>"
        "<h2>La durée</h2><p>360 jours au plus sur 3 ans ; jusqu'à 3 ans en affection de longue durée.</p>"
        "<h2>Le délai de carence</h2><p>3 jours ; en ALD, il ne s'applique qu'au premier arrêt de la période de "
        "3 ans.</p>",
        "questions": [
            (
                "Dois-je être à jour de mes cotisations ?",
                "Depuis 2019, ce n'est plus une condition, mais des cotisations impayées réduisent le revenu sur "
                "lequel l'indemnité est calculée.",
            ),
        ],
        "source_url": "https://bpifrance-creation.fr/boiteaoutils/indemnites-journalieres",
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["traitement"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "professions-liberales-reglementees-arret-maladie",
        "title": "Profession libérale réglementée : ce qui se passe pendant un arrêt",
        "summary": "90 jours d'indemnités par l'Assurance maladie, puis cela dépend de votre caisse : vérifiez la "
        "vôtre dès maintenant.",
        "body": "<p>Depuis le 1er juillet 2021, les libérales affiliées à une caisse de la CNAVPL touchent des "
        "indemnités de la CPAM pendant 90 jours, après 3 jours de carence et 12 mois d'affiliation.</p>"
        "<p>Ensuite, <strong>tout dépend de votre caisse</strong> : la CARMF, la CARPIMKO, la CARCDSF et la "
        "CAVEC prennent le relais ; la CIPAV et plusieurs autres ne versent rien. Une prévoyance est alors "
        "essentielle.</p><p>Les avocates relèvent de leur propre régime (CNBF).</p>",
        "questions": [],
        "source_url": "https://www.ameli.fr/assure/remboursements/indemnites-journalieres-maladie-maternite-"
        "paternite/arret-maladie-profession-liberale",
        "themes": ["droits-protection-sociale"],
        "phases": ["prevention", "traitement"],
        "statuses": ["liberale-reglementee"],
    },
    {
        "slug": "presidente-sas-protection-sociale",
        "title": "Présidente de SAS ou de SASU : êtes-vous couverte ?",
        "summary": "Vos soins sont toujours pris en charge ; les indemnités journalières et la retraite, "
        "seulement si vous êtes rémunérée.",
        "body": "<p>La présidente de SAS ou de SASU est « assimilée salariée ». Ses soins sont pris en charge "
        "quelle que soit sa rémunération.</p><p>En revanche, <strong>indemnités journalières et retraite "
        "seulement si elle est rémunérée</strong> : sans rémunération, pas de cotisations, donc pas "
        "d'indemnités pendant un arrêt.</p><p>Si vous n'êtes pas rémunérée, une prévoyance personnelle est "
        "à étudier avec votre comptable.</p>",
        "questions": [],
        "source_url": "https://www.lecoindesentrepreneurs.fr/paie-protection-sociale-et-remuneration-dirigeant-sas-"
        "sasu/",
        "themes": ["droits-protection-sociale"],
        "phases": ["prevention", "traitement"],
        "statuses": ["presidente-sas"],
    },
    {
        "slug": "agricultrice-arret-maladie-msa",
        "title": "Agricultrice : votre arrêt maladie avec la MSA",
        "summary": "Les indemnités journalières AMEXA : délais de carence, durée et condition de cotisation "
        "depuis 2026.",
        "body": "<p>Exploitante agricole, vous dépendez de la MSA. Après un an d'affiliation, vous pouvez "
        "toucher des indemnités journalières (AMEXA).</p><ul><li><p>Carence : 7 jours, ou 3 jours en cas "
        "d'hospitalisation.</p></li><li><p>Durée : 360 jours sur 3 ans, ou 3 ans en affection de longue "
        "durée.</p></li><li><p>Depuis le 1er janvier 2026, il faut être à jour de la cotisation AMEXA de "
        "l'avant-dernière année.</p></li></ul><p>Les montants publiés sont anciens : demandez-les à votre "
        "MSA.</p>",
        "questions": [],
        "source_url": "https://ald-travail.fr/article/arret-de-travail-en-cours-maladie-agriculteurs",
        "themes": ["droits-protection-sociale"],
        "phases": ["traitement"],
        "statuses": ["agricultrice"],
    },
    {
        "slug": "conjointe-collaboratrice-droits",
        "title": "Conjointe collaboratrice : vos droits en cas de maladie",
        "summary": "Vous avez droit à des indemnités journalières forfaitaires, y compris aux côtés d'un "
        "professionnel libéral depuis 2022.",
        "body": "<p>Conjointe collaboratrice d'une artisane, d'un commerçant ou d'une libérale, vous cotisez et "
        "vous avez des droits propres.</p><ul><li><p>Aux côtés d'un artisan ou d'un commerçant : une indemnité "
        "journalière forfaitaire (25,80 € par jour en 2025, selon un assureur : à vérifier sur "
        "ameli.fr).</p></li><li><p>Aux côtés d'un professionnel libéral affilié à la CNAVPL : des indemnités "
        "journalières depuis 2022.</p></li></ul>",
        "questions": [],
        "source_url": "https://www.ameli.fr/assure/remboursements/indemnites-journalieres-maladie-maternite-"
        "paternite/arret-maladie-profession-liberale",
        "themes": ["droits-protection-sociale"],
        "phases": ["prevention", "traitement"],
        "statuses": ["conjointe-collaboratrice"],
    },
    {
        "slug": "prevoyance-se-proteger-avant",
        "title": "La prévoyance : se protéger avant d'en avoir besoin",
        "summary": "Les indemnités de l'Assurance maladie sont modestes : une prévoyance complète vos revenus "
        "en cas d'arrêt ou d'invalidité.",
        "body": "<p>Une prévoyance est un contrat qui vous verse de l'argent si vous ne pouvez plus travailler, "
        "pour un temps ou durablement. Elle se souscrit <strong>avant</strong> la maladie.</p>"
        "<h2>À vérifier dans un contrat</h2><ul><li><p>le montant par jour et le délai avant le premier "
        "versement ;</p></li><li><p>la durée d'indemnisation ;</p></li><li><p>l'invalidité : à partir de quel "
        "taux, et pour quel métier.</p></li></ul>"
        "<p>Pour les indépendantes au régime réel, les cotisations d'un contrat « Madelin » sont déductibles "
        "(pas pour les micro-entrepreneuses).</p>",
        "questions": [
            (
                "Je suis micro-entrepreneuse : est-ce utile ?",
                "Oui : vos indemnités minimales sont faibles (6 € par jour en 2025 selon un assureur, à vérifier). "
                "La déduction « Madelin », elle, ne vous concerne pas.",
            ),
        ],
        "source_url": "https://www.gus-assurance.fr/guide/fiscalite-prevoyance-madelin",
        "themes": ["droits-protection-sociale", "argent-aides"],
        "phases": ["prevention"],
        "statuses": TNS,
    },
    {
        "slug": "depistage-cancer-du-sein",
        "title": "Le dépistage du cancer du sein",
        "summary": "De 50 à 74 ans, une mammographie tous les deux ans, prise en charge : un geste qui compte, "
        "même quand on manque de temps.",
        "body": "<p>Les femmes de 50 à 74 ans sont invitées tous les deux ans à une mammographie et à un examen "
        "clinique des seins. Quand les clichés sont jugés normaux, un second radiologue les relit.</p>"
        "<p>En 2022-2023, moins d'une femme sur deux y a participé (46,5 %), et la région Provence-Alpes-Côte "
        "d'Azur est parmi les plus basses.</p>",
        "questions": [
            (
                "Et avant 50 ans ?",
                "Parlez-en à votre médecin ou à votre sage-femme, qui vous dira quel suivi vous convient.",
            ),
        ],
        "source_url": "https://santepubliquefrance.fr/maladies-et-traumatismes/cancers/cancer-du-sein/articles/"
        "taux-de-participation-au-programme-de-depistage-organise-du-cancer-du-sein-2018-2019-et-evolution-"
        "depuis-2005",
        "themes": ["sante-soins-support"],
        "phases": ["prevention"],
        "statuses": [],
    },
    {
        "slug": "cotisations-urssaf-delais-recalcul",
        "title": "Cotisations URSSAF : demander des délais ou un recalcul",
        "summary": "Vos cotisations sont calculées sur vos revenus passés : si votre activité ralentit, vous "
        "pouvez les faire baisser ou les étaler.",
        "body": "<p>Vos cotisations provisionnelles sont calculées sur vos revenus des années passées. Si votre "
        "activité baisse pendant les traitements :</p><ul><li><p>demandez un <strong>recalcul</strong> sur "
        "votre revenu estimé de l'année ;</p></li><li><p>demandez des <strong>délais de paiement</strong> "
        ";</p></li><li><p>si cela ne suffit pas, l'<strong>action sociale</strong> de l'URSSAF peut prendre en "
        "charge des cotisations.</p></li></ul><p>En ligne depuis votre espace URSSAF ou au 3698 (service "
        "gratuit + prix d'un appel).</p>",
        "questions": [],
        "source_url": "https://www.secu-independants.fr/cotisations/modalites-paiement/difficultes-de-paiement/",
        "themes": ["argent-aides", "maintien-activite"],
        "phases": ["traitement", "apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "emprunter-apres-un-cancer",
        "title": "Emprunter après un cancer : le droit à l'oubli",
        "summary": "Ce que change la loi Lemoine de 2022 pour emprunter, pour votre maison ou votre entreprise.",
        "body": "<p>Depuis la loi du 28 février 2022, vous n'avez plus à déclarer votre cancer à l'assureur de "
        "votre prêt <strong>5 ans après « la fin du protocole thérapeutique »</strong>, sans rechute.</p>"
        "<p>Depuis le 1er juin 2022, il n'y a plus de questionnaire de santé pour les prêts de moins de "
        "200 000 € par personne, tous prêts en cours compris, qui se terminent avant vos 60 ans.</p>",
        "questions": [
            (
                "L'hormonothérapie compte-t-elle dans le protocole thérapeutique ?",
                "Nous n'avons pas trouvé de réponse officielle : à vérifier auprès de l'assureur ou de la "
                "convention AERAS.",
            ),
        ],
        "source_url": "http://www.aeras-infos.fr/sites/aeras/accueil/la-convention-aeras/le-cadre-de-la-convention-"
        "aeras/le-droit-a-loubli-et-la-grille-1.html",
        "themes": ["droits-protection-sociale", "vie-personnelle-proches"],
        "phases": ["apres"],
        "statuses": [],
    },
    {
        "slug": "reprendre-son-activite-temps-partiel-therapeutique",
        "title": "Reprendre son activité en douceur : le temps partiel thérapeutique",
        "summary": "Reprendre à temps partiel en gardant la moitié de vos indemnités, pour retrouver votre rythme.",
        "body": "<p>Le temps partiel thérapeutique vous permet de reprendre une partie de votre activité en "
        "touchant la moitié de votre indemnité journalière.</p><ul><li><p>Il est prescrit par votre "
        "médecin.</p></li><li><p>En général, il suit un arrêt à temps complet indemnisé ; en affection de "
        "longue durée, ce n'est pas nécessaire.</p></li><li><p>Pour les arrêts depuis le 1er juillet 2021 : 90 "
        "jours en général, jusqu'à 270 jours sur 3 ans plus un an en ALD pour une artisane, une commerçante ou "
        "une libérale non réglementée (à vérifier sur Légifrance).</p></li></ul>",
        "questions": [],
        "source_url": "https://tricoteuses.fr/legifrance/articles/LEGIARTI000043656708",
        "themes": ["maintien-activite"],
        "phases": ["apres"],
        "statuses": INDEPENDANTES,
    },
    {
        "slug": "se-reconvertir-apres-un-cancer",
        "title": "Changer d'activité après la maladie",
        "summary": "Bilan de compétences, VAE, formation : les financements existent aussi pour les indépendantes.",
        "body": "<p>Après un cancer, certaines entrepreneuses adaptent leur activité, d'autres en changent. Pour "
        "y réfléchir :</p><ul><li><p>un <strong>bilan de compétences</strong> ou une <strong>VAE</strong>, "
        "finançables par votre compte personnel de formation (500 € par an, jusqu'à 5 000 €) ;</p></li>"
        "<li><p>le fonds de formation de votre métier : FAFCEA (artisanes), AGEFICE (commerçantes), FIFPL "
        "(libérales), VIVEA (agricultrices) ;</p></li><li><p>l'aide AMA de l'Assurance maladie peut aussi "
        "financer un bilan ou une formation.</p></li></ul>",
        "questions": [],
        "source_url": "https://verneuil-davre-et-diton.fr/trouver-un-service/droits-et-demarches.html?flux_selected="
        "pro&xml=F31148",
        "themes": ["reconversion"],
        "phases": ["apres"],
        "statuses": TNS,
    },
    {
        "slug": "proches-aidants-droits",
        "title": "Pour les proches : congé et allocation de proche aidant",
        "summary": "Une proche qui réduit son activité pour vous accompagner peut toucher une allocation par jour.",
        "body": "<p>Votre conjoint, un parent ou une amie réduit son activité pour vous accompagner ? Salariée ou "
        "indépendante, elle peut prendre un congé de proche aidant et toucher une allocation journalière "
        "(AJPA), versée par la CAF ou la MSA : 65,80 € par jour en 2025, 66 jours par personne aidée.</p>"
        "<p>Si elle est indépendante, l'aide au répit de l'Assurance maladie peut aussi l'aider.</p>",
        "questions": [],
        "source_url": "https://caf.fr/professionnels/actualites/l-allocation-journaliere-du-proche-aidant-evolue",
        "themes": ["vie-personnelle-proches"],
        "phases": ["traitement"],
        "statuses": [],
    },
]

CONTENTS = [
    {
        "slug": "caire-13-rose-magazine",
        "title": "Caire 13, l'association qui aide les indépendants face au cancer",
        "summary": "Rose Magazine présente Caire 13, née à Marseille en 2014 à l'initiative de l'Institut "
        "Paoli-Calmettes et du GIMS.",
        "format": "article",
        "publisher": "Rose Magazine",
        "link": "https://rose-up.fr/magazine/caire-13-association-travailleurs-independants-cancer",
        "transcript": "Caire 13 (Cancer Aide Info Réseau Entrepreneur) aide gratuitement les entrepreneurs "
        "touchés par un cancer, avec des experts bénévoles : comptables, avocats, assureurs, médecins du travail. "
        "L'accompagnement se fait par téléphone ou à distance.",
        "themes": ["maintien-activite"],
        "phases": ["traitement"],
        "territories": ["13"],
    },
    {
        "slug": "caire-13-marcelle",
        "title": "À Marseille, une aide pour les indépendants malades",
        "summary": "Le média Marcelle raconte l'accompagnement de Caire 13 auprès des indépendants touchés par "
        "la maladie (mars 2024).",
        "format": "article",
        "publisher": "Marcelle",
        "link": "https://marcelle.media/caire13-aide-independant-cancer-maladie/",
        "transcript": "Un article sur Caire 13, qui accompagne les travailleurs indépendants touchés par un cancer "
        "et, désormais, par d'autres maladies chroniques graves.",
        "themes": ["maintien-activite"],
        "phases": ["traitement", "apres"],
        "territories": ["13"],
    },
    {
        "slug": "ma-maison-bien-etre-marseille",
        "title": "À Marseille, une Maison Bien-Être pour les malades du cancer et leurs proches",
        "summary": "Un reportage de France Info sur la Maison Bien-Être de la Ligue contre le cancer, ouverte en "
        "2021 dans le 1er arrondissement.",
        "format": "article",
        "publisher": "France Info",
        "link": "https://www.francetvinfo.fr/sante/cancer/a-marseille-une-maison-bien-etre-qui-accueille-les-"
        "malades-du-cancer-et-leur-famille_4664853.html",
        "transcript": "Résumé rédigé par le Guichet unique. La Maison Bien-Être du comité des Bouches-du-Rhône "
        "de la Ligue contre le cancer propose "
        "gratuitement activité physique adaptée, yoga, Pilates, socio-esthétique, coiffure, psychologues et "
        "ateliers cuisine.",
        "themes": ["bien-etre", "sante-soins-support"],
        "phases": ["traitement", "apres"],
        "territories": ["13"],
    },
    {
        "slug": "mycharlotte-rose-magazine",
        "title": "myCharlotte, une application de soins de support",
        "summary": "Rose Magazine présente myCharlotte, une application web gratuite d'activités douces et de "
        "méditation, testée avec l'AP-HM.",
        "format": "article",
        "publisher": "Rose Magazine",
        "link": "https://www.rose-up.fr/magazine/mycharlotte-appli-soin-support-cancer/",
        "transcript": "myCharlotte, conçue par une jeune entreprise de Montpellier, propose des activités "
        "physiques douces et de la méditation pendant les traitements.",
        "themes": ["bien-etre", "sante-soins-support"],
        "phases": ["traitement"],
    },
    {
        "slug": "vican5-la-vie-cinq-ans-apres",
        "title": "La vie cinq ans après un diagnostic de cancer (enquête VICAN5)",
        "summary": "L'enquête de l'Institut national du cancer (2018) : une personne sur cinq qui travaillait ne "
        "travaille plus cinq ans après.",
        "format": "article",
        "publisher": "Institut national du cancer",
        "link": "https://e-cancer.fr/Expertises-et-publications/Le-point-sur/La-vie-cinq-ans-apres-un-diagnostic-"
        "de-cancer/L-enquete-VICAN5",
        "transcript": "Cinq ans après un diagnostic de cancer, une personne sur cinq qui travaillait ne travaille "
        "plus. Les indépendants sont parmi les plus exposés à une baisse de revenus.",
        "themes": ["maintien-activite"],
        "phases": ["apres"],
    },
    {
        "slug": "demo-temoignage-video-fleuriste",
        "title": "Démonstration : « J'ai gardé ma boutique » — témoignage d'une fleuriste",
        "summary": "Contenu fictif : une vidéo de démonstration, pour montrer comment le site présente une vidéo et "
        "sa transcription.",
        "format": "video",
        "author": "Témoignage fictif",
        "duration_minutes": 6,
        "transcript": "Ceci est une transcription fictive, écrite pour la démonstration du site. Une fleuriste "
        "raconte comment elle a organisé son remplacement pendant ses traitements, avec l'aide de sa sœur et "
        "de son comptable.",
        "themes": ["maintien-activite"],
        "phases": ["traitement"],
        "statuses": ["commercante"],
        "is_demo": True,
    },
    {
        "slug": "demo-podcast-reprendre",
        "title": "Démonstration : un podcast sur la reprise d'activité",
        "summary": "Contenu fictif : un épisode de podcast de démonstration et son résumé écrit.",
        "format": "podcast",
        "author": "Podcast fictif",
        "duration_minutes": 25,
        "transcript": "Résumé fictif, écrit pour la démonstration : deux entrepreneuses parlent de leur reprise, "
        "de la fatigue et de la façon dont elles ont réorganisé leur semaine.",
        "themes": ["maintien-activite", "bien-etre"],
        "phases": ["apres"],
        "is_demo": True,
    },
    {
        "slug": "demo-livre-carnet-de-bord",
        "title": "Démonstration : un carnet de bord d'entrepreneuse",
        "summary": "Contenu fictif : un livre de démonstration, pour montrer la fiche d'un livre.",
        "format": "livre",
        "author": "Autrice fictive",
        "pages": 180,
        "transcript": "Résumé fictif, pour la démonstration du site.",
        "themes": ["vie-personnelle-proches"],
        "phases": ["traitement", "apres"],
        "is_demo": True,
    },
]

# Dates of the sources used for contents, when the source gives one.
CONTENT_REVIEWED = {"caire-13-marcelle": date(2024, 3, 25)}
