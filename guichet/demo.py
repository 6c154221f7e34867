"""Demo content of the shared package: organisations, demo accounts and a few news items.

Facts come from docs/DOMAIN.md and its sources (docs/DOMAIN-CHECK.md); fictitious entries say so. Loading twice
changes nothing: rows are matched on a natural key and only written when a value differs.
"""

from datetime import date, datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from guichet.enums import EditorialStatus, Role
from guichet.models import Announcement, Organisation, User
from guichet.search import load_synonyms

DEMO_PASSWORD = "guichet-demo"
DEMO_DOMAIN = "demo.guichet.invalid"


def upsert(model, lookup: dict, values: dict):
    """Create the row, or update it only where a value differs (so `updated_at` stays put)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False


def set_list(manager, wanted, *, new: bool = False, key: str = "pk") -> None:
    """The many-to-many list `manager` holds `wanted` (objects, or their `key`) afterwards, written only where it
    differs (loading twice changes nothing). The list of an object `new`ly created is empty: its rows are inserted at
    once, one query instead of four. (Without the list's signal: the object's own creation, in the same transaction,
    already told the page cache that content changed.)"""
    if new:
        targets = dict.fromkeys(getattr(item, "pk", item) for item in wanted)
        manager.through.objects.bulk_create(
            manager.through(**{manager.source_field.attname: manager.instance.pk, manager.target_field.attname: target})
            for target in targets
        )
        return
    current = {getattr(item, key) for item in manager.all()}
    if current != {getattr(item, key, item) for item in wanted}:
        manager.set(wanted)


def aware(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def _user(email: str, role: str, first_name: str, last_name: str) -> User:
    user, created = upsert(
        User,
        {"email": email},
        {"role": role, "first_name": first_name, "last_name": last_name, "is_active": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
    return user


def load():
    team, _ = upsert(
        Organisation,
        {"slug": "equipe-guichet-unique"},
        {"name": "Équipe d'animation du Guichet unique", "is_demo": False},
    )
    association, _ = upsert(
        Organisation,
        {"slug": "entreprenantes-du-sud-demo"},
        {
            "name": "Les Entreprenantes du Sud (association fictive de démonstration)",
            "is_demo": True,
        },
    )
    collective, _ = upsert(
        Organisation,
        {"slug": "collectif-var-demo"},
        {
            "name": "Collectif Var Entreprendre (association fictive de démonstration)",
            "is_demo": True,
        },
    )

    _user(f"admin@{DEMO_DOMAIN}", Role.ADMINISTRATOR, "Alice", "Administratrice")
    coordinator = _user(f"animatrice@{DEMO_DOMAIN}", Role.COORDINATOR, "Camille", "Animatrice")
    operator = _user(f"operatrice@{DEMO_DOMAIN}", Role.OPERATOR, "Olivia", "Opératrice")
    other_operator = _user(f"operatrice-var@{DEMO_DOMAIN}", Role.OPERATOR, "Véra", "Opératrice")
    team.members.add(coordinator)
    association.members.add(operator)
    collective.members.add(other_operator)

    upsert(
        Announcement,
        {"slug": "loi-5-fevrier-2025-cancer-du-sein"},
        {
            "owner": team,
            "status": EditorialStatus.PUBLISHED,
            "title": "Cancer du sein : la loi pour mieux rembourser les soins, où en est-elle ?",
            "summary": "La loi du 5 février 2025 prévoit la prise en charge intégrale de soins et de dispositifs "
            "propres au cancer du sein. Un décret de février 2026 est annoncé par des sources secondaires ; la liste "
            "des dispositifs remboursés n'a pas été trouvée : à vérifier.",
            "body": (
                "Le cancer du sein est une affection de longue durée (ALD 30) : les soins prévus par le "
                "protocole de soins rédigé par le médecin traitant sont pris en charge à 100 % du tarif de "
                "la Sécurité sociale.\n\n"
                "La loi n° 2025-106 du 5 février 2025 prévoit d'aller plus loin : prise en charge intégrale "
                "de soins et de dispositifs propres au cancer du sein (prothèses, dermopigmentation, "
                "sous-vêtements adaptés), dont la liste doit être fixée par arrêté.\n\n"
                "Selon des sources secondaires (afdn.org, 26 février 2026 ; lofficieldesmetiers.fr), un décret "
                "n° 2026-90 du 13 février 2026, publié au Journal officiel du 14 février 2026, ouvre le « parcours de "
                "soins global » (bilans et suivis en activité physique adaptée, diététique et psychologie) dès le "
                "début des traitements, et plus seulement après. Nous n'avons pas pu lire ce décret sur Légifrance : "
                "à vérifier.\n\n"
                "Les arrêtés qui fixent la liste des dispositifs remboursés (prothèses, dermopigmentation, "
                "sous-vêtements) n'ont pas été trouvés en décembre 2026 : à vérifier. Votre caisse d'assurance "
                "maladie ou votre équipe de soins peut vous dire ce qui s'applique aujourd'hui."
            ),
            "published_on": date(2026, 12, 2),
            "source_url": "https://www.afdn.org/actualite/decret-cancer-parcours-soins-global-evolue",
            "source_date": date(2026, 2, 26),
            # Nobody of the team has confirmed it: no verification date (the back office's "confirmer que
            # c'est à jour" sets it).
            "reviewed_at": None,
            "is_demo": False,
        },
    )
    upsert(
        Announcement,
        {"slug": "camion-au-fil-de-la-ligue-2026"},
        {
            "owner": team,
            "status": EditorialStatus.PUBLISHED,
            "title": "« Au fil de la Ligue » : un camion de la Ligue contre le cancer en région Sud",
            "summary": "Le comité des Bouches-du-Rhône de la Ligue contre le cancer et la Région Sud ont "
            "lancé le 3 février 2026 le camion « Au fil de la Ligue ».",
            "body": (
                "Le comité des Bouches-du-Rhône de la Ligue contre le cancer, avec la Région Sud, a lancé "
                "le 3 février 2026 un camion qui va à la rencontre des habitants : « Au fil de la Ligue ». "
                "Sa première étape annoncée était Gardanne, le 6 mars 2026.\n\n"
                "Les prochaines étapes ne sont pas encore reprises ici : consultez la source ci-dessous."
            ),
            "published_on": date(2026, 1, 29),
            "source_url": "https://liti.fr/?p=21306",
            # Nobody of the team has confirmed it: no verification date (the back office's "confirmer que
            # c'est à jour" sets it).
            "reviewed_at": None,
            "is_demo": False,
        },
    )
    upsert(
        Announcement,
        {"slug": "demo-permanence-entreprenantes"},
        {
            "owner": association,
            "status": EditorialStatus.REVIEW,
            "title": "Démonstration : une permanence d'information pour les entrepreneuses",
            "summary": "Actualité fictive, proposée par une association de démonstration et en attente "
            "de relecture par l'animatrice.",
            "body": "Ce contenu est fictif : il sert à montrer le circuit de relecture du site.",
            "published_on": date(2026, 11, 2),
            "source_url": "",
            "reviewed_at": None,
            "is_demo": True,
        },
    )
    # The search's synonyms (content/synonyms.yaml): the file wins here; the data migration only adds missing ones.
    load_synonyms(replace=True)
