from django.db import models


class StructureKind(models.TextChoices):
    STRUCTURE = "structure", "Structure"
    APPLICATION = "application", "Application ou service en ligne"


class Category(models.TextChoices):
    """What kind of help a structure gives. Each category takes the colour of its closest theme (`theme_slug`), so
    colours mean the same thing across the site."""

    ENTREPRENEURS = "entrepreneuses", "Accompagnement des entrepreneuses"
    ASSOCIATION = "association", "Association de patientes et d'entraide"
    PUBLIC_BODY = "organisme-public", "Organisme public (CPAM, URSSAF, CARSAT, MDPH…)"
    CARE = "soins", "Centre de soins"
    SUPPORTIVE_CARE = "soins-de-support", "Bien-être et soins de support"
    LEGAL = "droit", "Information juridique"
    RECONVERSION = "reconversion", "Emploi et reconversion"

    @property
    def theme_slug(self) -> str:
        return {
            Category.ENTREPRENEURS: "maintien-activite",
            Category.ASSOCIATION: "vie-personnelle-proches",
            Category.PUBLIC_BODY: "droits-protection-sociale",
            Category.CARE: "sante-soins-support",
            Category.SUPPORTIVE_CARE: "bien-etre",
            Category.LEGAL: "droits-protection-sociale",
            Category.RECONVERSION: "reconversion",
        }[self]


class Access(models.TextChoices):
    FREE = "gratuit", "Gratuit"
    PAID = "payant", "Payant"
    APPOINTMENT = "sur-rendez-vous", "Sur rendez-vous"
    REFERRAL = "sur-orientation", "Sur orientation (par un professionnel)"
    MEMBERSHIP = "adhesion", "Adhésion"


class Wheelchair(models.TextChoices):
    UNKNOWN = "", "Non renseigné"
    YES = "oui", "Accessible en fauteuil roulant"
    PARTIAL = "partiel", "Partiellement accessible"
    NO = "non", "Non accessible en fauteuil roulant"
