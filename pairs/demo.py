"""Demo peer groups across PACA and by video, dated from the day the demo is loaded, marked as demonstration.

Every group is fictitious and says so ("(fictif)" in its name, `is_demo`). A fictitious group is never at a real
place: a city only, no place name, no street address, no postal code, no phone number. Organisers are the fictitious
associations of the demo; facilitators have invented first names and say so. Some
groups are full (with a waiting list), others have places. The demo sign-ups use addresses on a reserved domain that
can never receive mail, and are written directly (no e-mail is sent while loading). Reloading updates, never
duplicates.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from guichet.demo import DEMO_DOMAIN, set_list, upsert
from guichet.enums import EditorialStatus, Phase, TerritoryKind
from guichet.models import Organisation, Territory, Theme
from pairs.enums import GroupFormat
from pairs.enums import RegistrationStatus as Status
from pairs.models import PeerGroup, Registration


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def groups(today: date) -> list[dict]:
    def series(first_in_days, hour, every_weeks, count, minute=0):
        first = today + timedelta(days=first_in_days)
        return [_at(first + timedelta(weeks=every_weeks * n), hour, minute) for n in range(count)]

    return [
        {
            "slug": "demo-marseille-reprendre-son-activite",
            "name": "Reprendre son activité après les traitements (fictif)",
            "summary": "Six mois, une séance toutes les deux semaines, pour préparer la reprise à son rythme.",
            "description": "Chaque séance part de ce que vivent les participantes : l'énergie qui revient ou non, "
            "les clients, l'organisation, la fatigue. Groupe de démonstration : il n'aura pas lieu.",
            "themes": ["maintien-activite", "vie-personnelle-proches"],
            "phases": [Phase.AFTER],
            "city": "Marseille",
            "departement": "13",
            "capacity": 8,
            "facilitator_name": "Camille (prénom fictif)",
            "facilitator_role": "psychologue",
            "owner": "entreprenantes-du-sud-demo",
            "sessions": series(5, 18, 2, 12, 30),
            "confirmed": 4,
            "pending": 1,
        },
        {
            "slug": "demo-visio-entreprendre-pendant-les-traitements",
            "name": "Entreprendre pendant les traitements, en visio (fictif)",
            "summary": "Entre cheffes d'entreprise en traitement, une heure chaque semaine, de chez soi.",
            "description": "Caméra facultative. Groupe de démonstration : il n'aura pas lieu.",
            "themes": ["vie-personnelle-proches"],
            "phases": [Phase.TREATMENT],
            "format": GroupFormat.VIDEO,
            "capacity": 6,
            "facilitator_name": "Inès (prénom fictif)",
            "facilitator_role": "paire-aidante, entrepreneuse",
            "owner": "entreprenantes-du-sud-demo",
            "sessions": series(3, 12, 1, 8, 30),
            "confirmed": 6,
            "waiting": 2,
        },
        {
            "slug": "demo-nice-cafe-parole-independantes",
            "name": "Café-parole des indépendantes (fictif)",
            "summary": "Un rendez-vous mensuel pour parler librement de l'activité et de la maladie.",
            "themes": ["vie-personnelle-proches"],
            "city": "Nice",
            "departement": "06",
            "capacity": 10,
            "facilitator_name": "Hélène (prénom fictif)",
            "facilitator_role": "bénévole, ancienne commerçante",
            "owner": "entreprenantes-du-sud-demo",
            "sessions": series(10, 9, 4, 6),
            "confirmed": 3,
        },
        {
            "slug": "demo-toulon-garder-le-lien-avec-ses-clients",
            "name": "Garder le lien avec ses clients pendant un arrêt (fictif)",
            "summary": "Quatre séances pour organiser son absence, prévenir ou non ses clients, préparer le retour.",
            "themes": ["maintien-activite"],
            "phases": [Phase.TREATMENT],
            "city": "Toulon",
            "departement": "83",
            "accessibility": "Accessible en fauteuil roulant.",
            "capacity": 8,
            "facilitator_name": "Sophie (prénom fictif)",
            "facilitator_role": "conseillère en gestion",
            "owner": "collectif-var-demo",
            "sessions": series(8, 14, 2, 4),
            "confirmed": 2,
        },
        {
            "slug": "demo-avignon-apres-le-cancer-et-maintenant",
            "name": "Et maintenant ? Se projeter après la maladie (fictif)",
            "summary": "Pour celles qui envisagent de changer d'activité, ou de la transformer.",
            "themes": ["reconversion"],
            "phases": [Phase.AFTER],
            "city": "Avignon",
            "departement": "84",
            "capacity": 5,
            "facilitator_name": "Nathalie (prénom fictif)",
            "facilitator_role": "coach en reconversion",
            "owner": "collectif-var-demo",
            "sessions": series(12, 17, 2, 6),
            "confirmed": 5,
            "waiting": 1,
        },
    ]


def load():
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    departements = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT)}
    owners = {
        o.slug: o for o in Organisation.objects.filter(slug__in=["entreprenantes-du-sud-demo", "collectif-var-demo"])
    }
    today = timezone.localdate()
    for data in groups(today):
        is_video = data.get("format") == GroupFormat.VIDEO
        group, created = upsert(
            PeerGroup,
            {"slug": data["slug"]},
            {
                "name": data["name"],
                "summary": data["summary"],
                "description": data.get("description", "Groupe de démonstration : il n'aura pas lieu."),
                "format": data.get("format", GroupFormat.ON_SITE),
                "place_name": "",
                "address": "",
                "postal_code": "",
                "city": data.get("city", ""),
                "departement": departements.get(data.get("departement", "")),
                "accessibility": data.get("accessibility", ""),
                "access_details": "Lien de visio fictif (démonstration)." if is_video else "Informations fictives.",
                "capacity": data["capacity"],
                "facilitator_name": data["facilitator_name"],
                "facilitator_role": data["facilitator_role"],
                "organiser_name": owners[data["owner"]].name,
                "owner": owners[data["owner"]],
                "status": EditorialStatus.PUBLISHED,
                # Nobody verifies a fictitious group: no verification date.
                "reviewed_at": None,
                "is_demo": True,
            },
        )
        group.full_clean()
        set_list(group.themes, [themes[slug] for slug in data.get("themes", [])], new=created)
        set_list(group.phases, data.get("phases", []), new=created, key="code")
        if list(group.sessions.values_list("starts_at", flat=True)) != data["sessions"]:
            group.sessions.all().delete()
            for start in data["sessions"]:
                group.sessions.create(starts_at=start, ends_at=start + timedelta(minutes=90))
        _sign_ups(group, data, now=_at(today, 8))
        group.refresh_search_text()


def _sign_ups(group, data, *, now):
    """Fictitious participants: n confirmed, then pending, then waiting (addresses that can never receive mail)."""
    plan = (
        [Status.CONFIRMED] * data.get("confirmed", 0)
        + [Status.PENDING] * data.get("pending", 0)
        + [Status.WAITING] * data.get("waiting", 0)
    )
    for n, status in enumerate(plan, start=1):
        values = {
            "first_name": f"Participante fictive {n}",
            "status": status,
            "consented_at": now,
            "confirmed_at": now if status == Status.CONFIRMED else None,
            "hold_expires_at": now + timedelta(hours=48) if status == Status.PENDING else None,
            "waitlisted_at": now + timedelta(minutes=n) if status == Status.WAITING else None,
        }
        upsert(Registration, {"group": group, "email": f"{group.slug}-{n}@{DEMO_DOMAIN}"}, values)
