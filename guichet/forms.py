import re

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates

from guichet.models import ErrorReport

PHONE = re.compile(r"^\+?[0-9 .()-]{10,20}$")


def clean_phone_number(value: str) -> str:
    """A phone number as people write it (spaces, dots, +33…), or a French error."""
    phone = (value or "").strip()
    if phone and not PHONE.match(phone):
        raise forms.ValidationError("Ce numéro n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78.")
    return phone


class SiteFormRenderer(DjangoTemplates):
    """Every form of the site renders its fields through one template: label, help text, error, input.
    Django links the help text and the error to the input with `aria-describedby`."""

    field_template_name = "guichet/forms/field.html"


class AnonymousVisitorForm(forms.Form):
    """A form anyone can send without an account: a honeypot against robots and the visitor's address fingerprint
    for rate limits. Subclasses check their own limit in `clean()`."""

    # Hidden from people by the stylesheet, filled in by robots (never by the browser's autofill).
    website = forms.CharField(
        label="Laissez ce champ vide", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    # What a field about her is for, so that her browser can fill it in (RGAA 11.13, WCAG 1.3.5).
    PURPOSES = {"first_name": "given-name", "email": "email", "phone": "tel"}

    def __init__(self, *args, fingerprint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fingerprint = fingerprint
        for name, purpose in self.PURPOSES.items():
            if name in self.fields:
                self.fields[name].widget.attrs.setdefault("autocomplete", purpose)
        if "phone" in self.fields:
            self.fields["phone"].widget.input_type = "tel"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ErrorReportForm(AnonymousVisitorForm):
    message = forms.CharField(
        label="Qu'est-ce qui est faux ou périmé ?",
        help_text="Par exemple : le numéro de téléphone a changé, le montant n'est plus le bon.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={
            "required": "Décrivez en quelques mots ce qui vous semble faux ou périmé.",
            "max_length": "Votre message est trop long : %(limit_value)d caractères au plus "
            "(il en compte %(show_value)d).",
        },
    )
    email = forms.EmailField(
        label="Votre adresse e-mail (facultatif)",
        help_text="Seulement si vous souhaitez une réponse. Elle n'est utilisée pour rien d'autre.",
        required=False,
        error_messages={"invalid": "Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].widget.attrs["maxlength"] = 3000

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError("Votre message est trop court : dites-nous ce qui ne va pas.")
        return message

    def clean(self):
        cleaned = super().clean()
        limit = settings.GUICHET_REPORTS_PER_HOUR
        if self.fingerprint and ErrorReport.objects.recent_from(self.fingerprint).count() >= limit:
            raise forms.ValidationError(
                "Vous avez envoyé plusieurs signalements en peu de temps, merci ! "
                "Pour éviter les abus, réessayez dans une heure : votre message est conservé ci-dessous."
            )
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher dans tout le site",
        max_length=200,
        required=False,
        error_messages={
            "max_length": "Votre recherche est trop longue : 200 caractères au plus (elle en compte "
            "%(show_value)d). Gardez les mots les plus importants."
        },
    )
