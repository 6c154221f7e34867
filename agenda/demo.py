"""Demo agenda: fictitious events in every PACA département and online, dated from the day the demo is loaded so
that the agenda is never empty or stale, and showing what the agenda can do (weekly, fortnightly and monthly
series, a cancelled date, a past event, online and hybrid events, registration by link).

No source gives the date and the time of a real event, so every event here is fictitious and says so: "(fictif)" in
its title, `is_demo` (the pages, the parcours, the booklet and the calendar feeds say "fictif"). A fictitious event is
never at a real place: a city, no place name, no street address, no postal code, no phone number; its organiser is
one of the directory's fictitious entries or a name that says "fictive". Reloading updates the same events (matched
on their address), never duplicates them.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from agenda.enums import EventKind, Mode, Registration, Repeat
from agenda.models import Event
from guichet.demo import set_list, upsert
from guichet.enums import EditorialStatus, Phase, ProfessionalStatus, TerritoryKind
from guichet.models import Organisation, Territory, Theme, organiser_model

DEMO_NOTE = (
    "<p><strong>Événement fictif de démonstration</strong> : il n'aura pas lieu. L'organisateur, le lieu, les dates "
    "et les horaires sont inventés pour montrer le fonctionnement de l'agenda.</p>"
)
DEMO_ORGANISER = "Les Entreprenantes du Sud (association fictive)"
# What a fictitious event never has: it would point at a real place or a real line.
NEVER = ("place_name", "address", "postal_code", "registration_phone", "online_url")


def _first_weekday_of_month(today: date, weekday: int) -> date:
    day = today.replace(day=1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _next_weekday(today: date, weekday: int, *, after: int = 0) -> date:
    day = today + timedelta(days=after)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def events(today: date) -> list[dict]:
    """The demo events, dated from `today`."""
    monday, tuesday, wednesday, thursday, friday = range(5)
    return [
        {
            "slug": "demo-marseille-activite-physique-adaptee",
            "title": "Activité physique adaptée (fictif)",
            "kind": EventKind.WORKSHOP,
            "summary": "Une séance encadrée, adaptée à votre état de forme, pendant ou après les traitements.",
            "organiser_name": DEMO_ORGANISER,
            "themes": ["sante-soins-support", "bien-etre"],
            "phases": [Phase.TREATMENT, Phase.AFTER],
            "city": "Marseille",
            "departement": "13",
            "start": _at(_next_weekday(today, thursday, after=-21), 10),
            "hours": 1.5,
            "repeat": Repeat.WEEKLY,
        },
        {
            "slug": "demo-marseille-socio-esthetique",
            "title": "Atelier de socio-esthétique (fictif)",
            "kind": EventKind.WORKSHOP,
            "summary": "Prendre soin de sa peau et de son image pendant les traitements, avec une socio-esthéticienne.",
            "organiser_name": DEMO_ORGANISER,
            "themes": ["bien-etre"],
            "phases": [Phase.TREATMENT],
            "city": "Marseille",
            "departement": "13",
            "start": _at(_first_weekday_of_month(today, monday), 14),
            "hours": 2,
            "repeat": Repeat.MONTHLY_WEEKDAY,
        },
        {
            "slug": "demo-digne-marche-sport-sante",
            "title": "Marche sport-santé du mercredi (fictif)",
            "kind": EventKind.WORKSHOP,
            "summary": "Une marche douce d'une heure, à votre rythme, suivie d'un temps d'échange.",
            "organiser": "demo-04-atelier-sport-sante",
            "themes": ["bien-etre"],
            "phases": [Phase.AFTER],
            "city": "Digne-les-Bains",
            "departement": "04",
            "start": _at(_next_weekday(today, wednesday, after=-14), 9, 30),
            "hours": 1.5,
            "repeat": Repeat.WEEKLY,
            "repeat_interval": 2,
            "accessibility": "Parcours plat, sans escalier.",
        },
        {
            "slug": "demo-gap-cafe-des-entrepreneuses",
            "title": "Café des entrepreneuses (fictif)",
            "kind": EventKind.MEETING,
            "summary": "Un moment entre femmes chefs d'entreprise touchées par un cancer : on parle de l'activité, "
            "des clients, de ce qui aide.",
            "organiser": "demo-05-cafe-des-entrepreneuses",
            "themes": ["vie-personnelle-proches", "maintien-activite"],
            "city": "Gap",
            "departement": "05",
            "start": _at(_first_weekday_of_month(today, wednesday) + timedelta(days=7), 18, 30),
            "hours": 1.5,
            "repeat": Repeat.MONTHLY_WEEKDAY,
        },
        {
            "slug": "demo-antibes-permanence-comptable",
            "title": "Permanence comptable solidaire (fictif)",
            "kind": EventKind.PERMANENCE,
            "summary": "Une experte-comptable bénévole répond à vos questions : déclarations, trésorerie, délais.",
            "organiser": "demo-06-permanence-comptable-solidaire",
            "themes": ["maintien-activite", "droits-protection-sociale"],
            "phases": [Phase.TREATMENT, Phase.AFTER],
            "city": "Antibes",
            "departement": "06",
            "start": _at(_first_weekday_of_month(today, tuesday), 14),
            "hours": 3,
            "repeat": Repeat.MONTHLY_WEEKDAY,
            "registration": Registration.OPEN,
            "cancel_second": "Annulée ce mois-ci (démonstration d'une date annulée).",
        },
        {
            "slug": "demo-nice-lecture-exposition",
            "title": "Lecture et exposition photographique « Après » (fictif)",
            "kind": EventKind.CULTURE,
            "summary": "Des portraits et des textes de femmes qui ont repris leur activité après un cancer du sein.",
            "organiser_name": "Médiathèque de quartier (fictive)",
            "themes": ["vie-personnelle-proches"],
            "phases": [Phase.AFTER],
            "city": "Nice",
            "departement": "06",
            "start": _at(today + timedelta(days=24), 18),
            "hours": 2,
            "accessibility": "Accessible en fauteuil roulant.",
        },
        {
            "slug": "demo-marseille-forum-creation-entreprise",
            "title": "Forum de la création d'entreprise, stand du Guichet unique (fictif)",
            "kind": EventKind.FAIR,
            "summary": "L'animatrice du Guichet unique présente le site et répond à vos questions sur son stand.",
            "organiser_name": "Chambre consulaire (fictive)",
            "themes": ["maintien-activite"],
            "phases": [Phase.PREVENTION],
            "city": "Marseille",
            "departement": "13",
            "start": _at(today + timedelta(days=17), 9),
            "hours": 8,
        },
        {
            "slug": "demo-toulon-reunion-reconversion",
            "title": "Réunion d'information : changer d'activité après un cancer (fictif)",
            "kind": EventKind.INFORMATION,
            "summary": "Bilan de compétences, formation, aides à la reconversion : les étapes et les interlocuteurs.",
            "organiser": "demo-83-atelier-reconversion",
            "themes": ["reconversion"],
            "phases": [Phase.AFTER],
            "city": "Toulon",
            "departement": "83",
            "start": _at(today + timedelta(days=12), 14),
            "hours": 2,
        },
        {
            "slug": "demo-carpentras-point-juridique",
            "title": "Point d'information juridique (fictif)",
            "kind": EventKind.PERMANENCE,
            "summary": "Une juriste bénévole vous reçoit : bail commercial, contrats, relations avec les clients.",
            "organiser": "demo-84-point-dinformation-juridique",
            "themes": ["droits-protection-sociale"],
            "city": "Carpentras",
            "departement": "84",
            "start": _at(_next_weekday(today, friday, after=-7), 9),
            "hours": 3,
            "repeat": Repeat.WEEKLY,
            "repeat_interval": 2,
        },
        {
            "slug": "demo-en-ligne-arret-de-travail-independantes",
            "title": "Webinaire : arrêt de travail et indemnités journalières des indépendantes (fictif)",
            "kind": EventKind.INFORMATION,
            "summary": "Une heure pour comprendre l'arrêt de travail, les indemnités et les démarches, avec vos "
            "questions à la fin.",
            "organiser_name": DEMO_ORGANISER,
            "themes": ["droits-protection-sociale"],
            "phases": [Phase.TREATMENT],
            "audiences": [
                ProfessionalStatus.ARTISAN,
                ProfessionalStatus.TRADER,
                ProfessionalStatus.LIBERAL_UNREGULATED,
                ProfessionalStatus.MICRO,
            ],
            "mode": Mode.ONLINE,
            "start": _at(today + timedelta(days=9), 12, 30),
            "hours": 1,
            "registration": Registration.REQUIRED,
            "registration_url": "https://example.org/inscription-fictive",
        },
        {
            "slug": "demo-en-ligne-groupe-de-parole",
            "title": "Groupe de parole ouvert, en visio (fictif)",
            "kind": EventKind.MEETING,
            "summary": "Un temps d'écoute entre entrepreneuses, animé par une psychologue ; caméra facultative.",
            "organiser_name": DEMO_ORGANISER,
            "themes": ["vie-personnelle-proches", "sante-soins-support"],
            "mode": Mode.ONLINE,
            "start": _at(_next_weekday(today, monday, after=-7), 18),
            "hours": 1.5,
            "repeat": Repeat.WEEKLY,
            "repeat_interval": 2,
            "registration": Registration.REQUIRED,
            "registration_url": "https://example.org/inscription-fictive",
        },
        {
            "slug": "demo-aix-reunion-cotisations",
            "title": "Réunion d'information : cotisations et difficultés de paiement (fictif)",
            "kind": EventKind.INFORMATION,
            "summary": "Délais, étalement, recalcul des cotisations provisionnelles : ce que l'on peut demander.",
            "organiser_name": DEMO_ORGANISER,
            "themes": ["droits-protection-sociale", "maintien-activite"],
            "mode": Mode.BOTH,
            "city": "Aix-en-Provence",
            "departement": "13",
            "start": _at(today - timedelta(days=10), 14),
            "hours": 2,
        },
    ]


def load():
    owner = Organisation.objects.get(slug="entreprenantes-du-sud-demo")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    departements = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT)}
    organisers = {s.slug: s for s in organiser_model().objects.filter(slug__startswith="demo-", is_demo=True)}
    today = timezone.localdate()
    for data in events(today):
        start = data["start"]
        values = {
            "title": data["title"],
            "kind": data["kind"],
            "summary": data["summary"],
            "description": DEMO_NOTE,
            "organiser": organisers.get(data.get("organiser", "")),
            "organiser_name": data.get("organiser_name", ""),
            "mode": data.get("mode", Mode.ON_SITE),
            **dict.fromkeys(NEVER, ""),
            "city": data.get("city", ""),
            "departement": departements.get(data.get("departement", "")),
            "accessibility": data.get("accessibility", ""),
            "starts_at": start,
            "ends_at": start + timedelta(hours=data["hours"]),
            "repeat": data.get("repeat", Repeat.NONE),
            "repeat_interval": data.get("repeat_interval", 1),
            "repeat_until": None,
            "is_free": True,
            "price_note": "",
            "registration": data.get("registration", Registration.OPEN),
            "registration_url": data.get("registration_url", ""),
            "owner": owner,
            "status": EditorialStatus.PUBLISHED,
            # Nobody verifies a fictitious event: no verification date.
            "reviewed_at": None,
            "is_demo": True,
        }
        if values["organiser"] is None and not values["organiser_name"]:
            values["organiser_name"] = "Organisateur fictif"
        event, created = upsert(Event, {"slug": data["slug"]}, values)
        event.full_clean()
        set_list(event.themes, [themes[slug] for slug in data.get("themes", [])], new=created)
        set_list(event.phases, data.get("phases", []), new=created, key="code")
        set_list(event.audiences, data.get("audiences", []), new=created, key="code")
        if data.get("cancel_second"):
            occurrence = event.occurrences.upcoming()[1:2].first()
            if occurrence and not occurrence.is_cancelled:
                occurrence.is_cancelled, occurrence.note = True, data["cancel_second"]
                occurrence.save()
        event.refresh_search_text()
