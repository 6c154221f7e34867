from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe

from annuaire.contact import ContactMethod
from annuaire.services import may_add_message, recent_requests_from
from guichet.enums import Phase, ProfessionalStatus
from guichet.forms import AnonymousVisitorForm, clean_phone_number
from guichet.widgets import InlineSelect


class ContactRequestForm(AnonymousVisitorForm):
    message = forms.CharField(
        label="De quoi avez-vous besoin ?",
        help_text="Quelques phrases suffisent : votre situation, ce que vous cherchez. Ce message est lu par "
        "l'animatrice du Guichet unique, pas par la structure.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={
            "required": "Décrivez en quelques mots ce dont vous avez besoin.",
            "max_length": "Votre message est trop long : %(limit_value)d caractères au plus (il en compte "
            "%(show_value)d).",
        },
    )
    phase = forms.ChoiceField(
        label="Où en êtes-vous ? (facultatif)",
        choices=[("", "Je préfère ne pas le dire"), *[(p.value, p.short_label) for p in Phase]],
        required=False,
        widget=InlineSelect,
        error_messages={"invalid_choice": "Choisissez dans la liste."},
    )
    professional_status = forms.ChoiceField(
        label="Votre statut (facultatif)",
        choices=[("", "Je préfère ne pas le dire"), *ProfessionalStatus.choices],
        required=False,
        widget=InlineSelect,
        error_messages={"invalid_choice": "Choisissez dans la liste."},
    )
    contact_method = forms.ChoiceField(
        label="Comment souhaitez-vous être recontactée ?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez comment être recontactée.",
            "invalid_choice": "Choisissez dans la liste.",
        },
    )
    phone = forms.CharField(
        label="Votre téléphone", required=False, max_length=30, help_text="Si vous choisissez d'être appelée."
    )
    email = forms.EmailField(
        label="Votre adresse e-mail",
        required=False,
        help_text="Pour recevoir un accusé de réception, ou si vous choisissez l'e-mail.",
        error_messages={"invalid": "Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr."},
    )
    preferred_times = forms.CharField(
        label="Quand vous joindre ? (facultatif)", required=False, max_length=200, help_text="Par exemple : le matin."
    )
    consent = forms.BooleanField(
        label=mark_safe(
            "J'accepte que le Guichet unique enregistre ce que j'ai écrit, qui peut concerner ma santé, pour me "
            'mettre en relation. <a href="/confidentialite/">Ce que nous en faisons</a>.'
        ),
        error_messages={"required": "Sans votre accord, nous ne pouvons pas enregistrer votre demande."},
    )
    share_with_structure = forms.BooleanField(
        label="J'accepte que l'animatrice transmette ma demande (mon message et mes coordonnées) à la structure "
        "vers laquelle elle m'oriente. Sinon, elle me rappelle d'abord et la structure sait seulement qu'une demande "
        "arrive.",
        required=False,
    )

    attach_answers = forms.BooleanField(
        label="Joindre mes réponses au questionnaire (statut, phase, département, besoins) pour que l'animatrice "
        "comprenne ma situation.",
        required=False,
    )

    def __init__(self, *args, has_answers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_answers:
            del self.fields["attach_answers"]

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError("Votre message est trop court : dites-nous en un peu plus.")
        return message

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method == ContactMethod.PHONE and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Indiquez le numéro auquel vous appeler.")
        if method == ContactMethod.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Indiquez l'adresse à laquelle vous écrire.")
        if self.fingerprint and recent_requests_from(self.fingerprint) >= settings.GUICHET_REQUESTS_PER_HOUR:
            raise forms.ValidationError(
                "Vous avez déjà envoyé plusieurs demandes en peu de temps. Réessayez dans une heure : ce que vous avez "
                "écrit est conservé ci-dessous."
            )
        return cleaned


class AddMessageForm(AnonymousVisitorForm):
    """What she adds to her request from her private page."""

    text = forms.CharField(
        label="Ajouter un message pour l'animatrice",
        help_text="Une précision, un changement de disponibilités ou de numéro… Il est joint à votre demande et lu "
        "par l'animatrice seulement.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Écrivez votre message avant de l'envoyer.",
            "max_length": "Votre message est trop long : %(limit_value)d caractères au plus (il en compte "
            "%(show_value)d).",
        },
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_request = request

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 2:
            raise forms.ValidationError("Votre message est trop court : écrivez au moins quelques mots.")
        return text

    def clean(self):
        cleaned = super().clean()
        if self.contact_request and not may_add_message(request=self.contact_request, fingerprint=self.fingerprint):
            raise forms.ValidationError(
                "Vous avez déjà ajouté plusieurs messages en peu de temps. Réessayez dans une heure : ce que vous avez "
                "écrit est conservé ci-dessous."
            )
        return cleaned
