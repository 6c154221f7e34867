"""People and the organisations that own content.

Owner organisations live here, in the shared package, and not in the directory app: every app's content has an owner,
the partners who keep entries current (a CPAM, an association, the coordinator's own team) are not all listed in the
directory, and most of the directory's structures (imported by the thousand) have no operator at all. A directory
structure will point to its partner organisation when it has one.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse

from guichet.enums import Role

STAFF_ROLES = {Role.OPERATOR, Role.COORDINATOR, Role.ADMINISTRATOR}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.VISITOR)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["role"] = Role.ADMINISTRATOR
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: a visitor who saved her parcours, or a member of the back office.

    The role decides `is_staff` and `is_superuser`, so that the admin's own checks and ours never disagree.
    """

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.VISITOR)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "personne"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.is_staff = self.role in STAFF_ROLES
        self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)

    @property
    def is_coordinator(self) -> bool:
        """Sees everything and publishes: the animatrice, and administrators."""
        return self.is_active and self.role in {Role.COORDINATOR, Role.ADMINISTRATOR}

    @property
    def is_administrator(self) -> bool:
        """Also gives the roles and manages every account (the coordinator, operators only)."""
        return self.is_active and self.role == Role.ADMINISTRATOR

    @property
    def is_operator(self) -> bool:
        return self.is_active and self.role == Role.OPERATOR


class OrganisationQuerySet(models.QuerySet):
    def of_member(self, user):
        """The organisations this person works for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members=user)


class Organisation(models.Model):
    """A partner that owns and keeps current some of the site's content."""

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant", max_length=200, unique=True)
    website = models.URLField("site web", blank=True)
    email = models.EmailField("e-mail de contact", blank=True, help_text="Pour les rappels d'actualisation.")
    is_demo = models.BooleanField(
        "démonstration",
        default=False,
        help_text="Organisation fictive des données de démonstration.",
    )
    members = models.ManyToManyField(User, verbose_name="opératrices", related_name="organisations", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation partenaire"
        verbose_name_plural = "organisations partenaires"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_admin_url(self):
        return reverse("admin:guichet_organisation_change", args=[self.pk])
