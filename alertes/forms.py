from django import forms
from django.utils.functional import lazy

from alertes.enums import Rhythm
from guichet.enums import Phase
from guichet.forms import AnonymousVisitorForm
from guichet.terms import duration

ALERTS_PER_HOUR = 5


class AlertForm(AnonymousVisitorForm):
    """What every "Me prévenir" form asks: an address and a rhythm (nothing is sent before she confirms)."""

    email = forms.EmailField(
        label="Votre adresse e-mail",
        help_text="Nous vous envoyons d'abord un lien pour confirmer : rien d'autre avant votre confirmation.",
        max_length=254,
        error_messages={
            "required": "Indiquez l'adresse e-mail où vous prévenir.",
            "invalid": "Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr.",
            "max_length": "Cette adresse est trop longue : 254 caractères au plus.",
        },
    )
    rhythm = forms.ChoiceField(
        label="À quel rythme ?",
        choices=Rhythm.choices,
        initial=Rhythm.AS_IT_HAPPENS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez à quel rythme vous prévenir.",
            "invalid_choice": "Choisissez l'un des rythmes proposés.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        from alertes.services import recent_alerts_from

        if self.fingerprint and recent_alerts_from(self.fingerprint) >= ALERTS_PER_HOUR:
            raise forms.ValidationError(
                "Vous avez demandé plusieurs alertes en peu de temps. Pour éviter les abus, réessayez dans une "
                "heure : ce que vous avez saisi est conservé ci-dessous."
            )
        return cleaned


class SearchAlertForm(AlertForm):
    """New aids matching her search: her phase is health data, kept only if she says yes."""

    health_consent = forms.BooleanField(
        label="J'accepte que ma situation (ma phase de parcours) soit conservée pour choisir ce qui m'est envoyé, "
        "tant que l'alerte existe.",
        help_text=lazy(
            lambda: (
                "Sans votre accord, l'alerte ne tient pas compte de votre phase. Elle est effacée quand vous vous "
                f"désinscrivez, ou après {duration('GUICHET_ALERT_EXPIRY_DAYS')} sans confirmation."
            ),
            str,
        )(),
        required=False,
    )

    def __init__(self, *args, filters: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = filters
        if filters.get("phase") not in Phase.values:
            del self.fields["health_consent"]
