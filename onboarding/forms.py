from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe

from guichet import ratelimit
from guichet.forms import AnonymousVisitorForm

EMAIL_RATE_ACTION = "parcours-emails"


class SendParcoursForm(AnonymousVisitorForm):
    email = forms.EmailField(
        label="Votre adresse e-mail",
        help_text="Elle sert à envoyer ce message, puis elle est oubliée : nous ne la gardons pas.",
        error_messages={
            "required": "Indiquez l'adresse à laquelle envoyer votre parcours.",
            "invalid": "Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        limit = settings.GUICHET_PARCOURS_EMAILS_PER_HOUR
        if self.fingerprint and ratelimit.recent(EMAIL_RATE_ACTION, self.fingerprint) >= limit:
            raise forms.ValidationError(
                "Plusieurs parcours ont été envoyés depuis votre connexion en peu de temps. Réessayez dans une heure."
            )
        return cleaned


class SaveAnswersForm(forms.Form):
    consent = forms.BooleanField(
        label=mark_safe(
            "J'accepte que mes réponses, qui disent où j'en suis de la maladie (une donnée de santé), soient "
            "enregistrées dans mon compte. Je peux les voir, les modifier et les supprimer depuis « Mon compte ». "
            '<a href="/confidentialite/">Ce que nous en faisons</a>.'
        ),
        error_messages={"required": "Sans votre accord, nous n'enregistrons pas vos réponses."},
    )
