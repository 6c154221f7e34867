import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from guichet import ratelimit
from guichet.forms import AnonymousVisitorForm, clean_phone_number
from pairs.models import Registration

RATE_ACTION = "group-signups"


class SignUpForm(AnonymousVisitorForm):
    first_name = forms.CharField(
        label="Votre prénom ou un pseudonyme",
        max_length=60,
        help_text="C'est ainsi que l'animatrice vous appellera. Un pseudonyme convient très bien.",
        error_messages={
            "required": "Indiquez un prénom ou un pseudonyme.",
            "max_length": "60 caractères au plus (il en compte %(show_value)d).",
        },
    )
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=254,
        help_text="Pour confirmer votre inscription et recevoir les dates. Elle ne sert à rien d'autre.",
        error_messages={
            "required": "Indiquez votre adresse e-mail : elle sert à confirmer votre inscription.",
            "invalid": "Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr.",
        },
    )
    phone = forms.CharField(
        label="Votre téléphone (facultatif)",
        required=False,
        max_length=30,
        help_text="Seulement si vous voulez que l'animatrice puisse vous appeler.",
        error_messages={"max_length": "Ce numéro est trop long : 10 chiffres, par exemple 06 12 34 56 78."},
    )
    expectations = forms.CharField(
        label="Ce que vous attendez du groupe (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Quelques mots pour l'animatrice, si vous le souhaitez.",
        error_messages={"max_length": "1000 caractères au plus (il en compte %(show_value)d)."},
    )
    charter = forms.BooleanField(
        label="J'ai lu la charte du groupe et je m'engage à la respecter.",
        error_messages={"required": "Pour rejoindre le groupe, acceptez sa charte (elle est affichée plus haut)."},
    )
    consent = forms.BooleanField(
        label=mark_safe(
            "J'accepte que le Guichet unique enregistre mon inscription. Elle révèle une information sur ma santé : "
            "elle n'est vue que par l'animatrice du groupe et l'équipe du Guichet unique, et elle est effacée "
            'quelques mois après la dernière séance. <a href="/confidentialite/">Ce que nous en faisons</a>.'
        ),
        error_messages={"required": "Sans votre accord, nous ne pouvons pas enregistrer votre inscription."},
    )

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    @staticmethod
    def _unconfirmed():
        """Sign-ups still waiting for the confirmation of their address (they take no place)."""
        cutoff = timezone.now() - datetime.timedelta(hours=settings.GUICHET_GROUP_HOLD_HOURS)
        return Registration.objects.unconfirmed().filter(created_at__gt=cutoff)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        pending = self._unconfirmed().filter(email=email)
        if self.group is not None:
            pending = pending.exclude(group=self.group)  # the same group again: her link is sent again
        if pending.count() >= settings.GUICHET_PENDING_SIGNUPS_PER_EMAIL:
            raise forms.ValidationError(
                "Des inscriptions faites avec cette adresse attendent encore d'être confirmées. Ouvrez d'abord le "
                "lien reçu par e-mail pour chacune (regardez aussi dans les courriers indésirables) ; sans "
                f"confirmation, elles sont effacées au bout de {settings.GUICHET_GROUP_HOLD_HOURS} heures."
            )
        return email

    def clean_first_name(self):
        first_name = self.cleaned_data["first_name"].strip()
        if not first_name:
            raise forms.ValidationError("Indiquez un prénom ou un pseudonyme.")
        return first_name

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if self.fingerprint and ratelimit.recent(RATE_ACTION, self.fingerprint) >= settings.GUICHET_SIGNUPS_PER_HOUR:
            raise forms.ValidationError(
                "Plusieurs inscriptions ont été envoyées depuis votre connexion en peu de temps. Réessayez dans une "
                "heure : ce que vous avez écrit est conservé ci-dessous."
            )
        pending = self._unconfirmed().filter(fingerprint=self.fingerprint) if self.fingerprint else None
        if pending is not None and pending.count() >= settings.GUICHET_PENDING_SIGNUPS_PER_ADDRESS:
            raise forms.ValidationError(
                "Plusieurs inscriptions envoyées depuis votre connexion attendent encore d'être confirmées par e-mail. "
                "Confirmez-les d'abord, ou réessayez plus tard : ce que vous avez écrit est conservé ci-dessous."
            )
        return cleaned
