import datetime

import factory
from django.utils import timezone
from faker import Faker

from agenda.enums import EventKind, Mode
from annuaire.enums import Category
from guichet.enums import EditorialStatus, Role
from guichet.models import Announcement, Organisation, User
from pairs.enums import GroupFormat
from ressources.enums import ContentFormat

FAKE = Faker("fr_FR")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    # A company name from Faker with a number: two organisations may not share a name (Faker's names repeat).
    name = factory.Sequence(lambda n: f"{FAKE.company()} {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name_female", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.VISITOR
    password = factory.django.Password("mot-de-passe-solide")

    class Params:
        operator = factory.Trait(role=Role.OPERATOR)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        administrator = factory.Trait(role=Role.ADMINISTRATOR)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.add(*extracted)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    summary = "Un résumé court et clair."
    body = "Premier paragraphe.\n\nSecond paragraphe."
    published_on = datetime.date(2026, 11, 1)
    status = EditorialStatus.DRAFT

    class Params:
        published = factory.Trait(status=EditorialStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))
        under_review = factory.Trait(status=EditorialStatus.REVIEW)
        archived = factory.Trait(status=EditorialStatus.ARCHIVED)


class ResourceFactory(factory.django.DjangoModelFactory):
    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Ressource numéro {n}")
    slug = factory.Sequence(lambda n: f"ressource-{n}")
    summary = "Un résumé en langage simple."
    status = EditorialStatus.DRAFT

    class Meta:
        abstract = True

    class Params:
        published = factory.Trait(status=EditorialStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.phases.set(extracted)

    @factory.post_generation
    def statuses(self, create, extracted, **kwargs):
        if create and extracted:
            self.statuses.set(extracted)

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if create and extracted:
            self.territories.set(extracted)


class SheetFactory(ResourceFactory):
    class Meta:
        model = "ressources.Sheet"
        skip_postgeneration_save = True

    body = "<p>Un paragraphe.</p>"


class AidFactory(ResourceFactory):
    class Meta:
        model = "ressources.Aid"
        skip_postgeneration_save = True

    benefit = "Une aide utile."
    audience = "Les indépendantes."

    @factory.post_generation
    def essential_phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.essential_phases.set(extracted)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        """[(kind, met_text, check_text, not_met_text), …]"""
        for position, (kind, met, check, not_met) in enumerate(extracted or []):
            self.criteria.create(kind=kind, met_text=met, check_text=check, not_met_text=not_met, position=position)


class ContentFactory(ResourceFactory):
    class Meta:
        model = "ressources.InspiringContent"
        skip_postgeneration_save = True

    format = ContentFormat.ARTICLE
    transcript = "Résumé écrit."


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "annuaire.Structure"
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Structure numéro {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    summary = "Ce qu'elle propose."
    category = Category.ASSOCIATION
    status = EditorialStatus.DRAFT

    class Params:
        published = factory.Trait(status=EditorialStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if create and extracted:
            self.territories.set(extracted)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        """[(name, [theme slugs], [phases])]"""
        from guichet.models import Theme

        for position, (name, themes, phases) in enumerate(extracted or []):
            service = self.services.create(name=name, position=position)
            service.themes.set(Theme.objects.filter(slug__in=themes))
            service.phases.set(phases)


def _next_week_at(hour: int):
    local = timezone.localtime() + datetime.timedelta(days=7)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """An on-site workshop in Marseille next week, 14 h – 16 h, as a draft."""

    class Meta:
        model = "agenda.Event"
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Événement numéro {n}")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    kind = EventKind.WORKSHOP
    summary = "Ce qui s'y passe."
    organiser_name = "Association organisatrice"
    mode = Mode.ON_SITE
    city = "Marseille"
    postal_code = "13001"
    departement = factory.LazyFunction(lambda: _departement("13"))
    starts_at = factory.LazyFunction(lambda: _next_week_at(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    status = EditorialStatus.DRAFT

    class Params:
        published = factory.Trait(status=EditorialStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))
        online = factory.Trait(mode=Mode.ONLINE, city="", postal_code="", departement=None)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        from guichet.models import Theme

        if create and extracted:
            self.themes.set(Theme.objects.filter(slug__in=extracted))

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.phases.set(extracted)


def _departement(code):
    from guichet.enums import TerritoryKind
    from guichet.models import Territory

    return Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code=code)


class PeerGroupFactory(factory.django.DjangoModelFactory):
    """An on-site group in Marseille, 10 places, four sessions every two weeks from next week, as a draft."""

    class Meta:
        model = "pairs.PeerGroup"
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Groupe numéro {n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")
    summary = "Pour parler de la reprise."
    format = GroupFormat.ON_SITE
    city = "Marseille"
    postal_code = "13001"
    departement = factory.LazyFunction(lambda: _departement("13"))
    capacity = 10
    facilitator_name = "Claire"
    facilitator_role = "psychologue"
    organiser_name = "Association organisatrice"
    access_details = "Deuxième étage, code 1234."
    status = EditorialStatus.DRAFT

    class Params:
        published = factory.Trait(status=EditorialStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))
        video = factory.Trait(format=GroupFormat.VIDEO, city="", postal_code="", departement=None)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        """A list of aware start datetimes (two hours each); by default four, every two weeks from next week."""
        if not create:
            return
        starts = (
            extracted
            if extracted is not None
            else [_next_week_at(18) + datetime.timedelta(weeks=2 * i) for i in range(4)]
        )
        for start in starts:
            self.sessions.create(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        from guichet.models import Theme

        if create and extracted:
            self.themes.set(Theme.objects.filter(slug__in=extracted))

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.phases.set(extracted)
