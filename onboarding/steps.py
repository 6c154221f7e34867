"""The questionnaire, one question per page. Every question can be skipped; "précédent" keeps what was answered.

At most six questions: for whom, statut, the eligibility question (only when the statut makes it matter, see
RULES.md), phase, département, needs.
"""

from django import forms

from guichet.answers import Answers, ForWhom, YesNo
from guichet.enums import Phase, ProfessionalStatus
from guichet.models import Territory, Theme
from guichet.models.vocabulary import departement_from_postal_code

INVALID_CHOICE = "Ce choix n'existe pas : choisissez dans la liste."


class ForWhomForm(forms.Form):
    for_whom = forms.ChoiceField(
        label="Pour qui cherchez-vous ?",
        choices=ForWhom.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def answers(self, current: Answers) -> Answers:
        return current.update(for_whom=self.cleaned_data["for_whom"])

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"for_whom": answers.for_whom}


STATUS_HELP = (
    "Comment le savoir ? Votre statut figure sur votre extrait Kbis ou votre avis de situation au répertoire SIRENE. "
    "Regardez aussi qui vous envoie vos appels de cotisations : l'URSSAF (artisane, commerçante, micro-entrepreneuse, "
    "libérale, gérante majoritaire), la MSA (agricultrice), ou une caisse comme la CIPAV, la CARMF ou la CARPIMKO "
    "(profession libérale réglementée) ; une présidente de SAS rémunérée cotise par la paie de sa société. En cas de "
    "doute, choisissez « je ne sais pas » : le parcours vous montrera ce qu'il faut vérifier."
)
# When she answers for someone else (a relative, a professional), each question speaks of that person.
FOR_SOMEONE_ELSE = {
    "status": (
        "Quel est son statut ?",
        "Comment le savoir ? Son statut figure sur son extrait Kbis ou son avis de situation au répertoire SIRENE. "
        "Regardez aussi qui lui envoie ses appels de cotisations : l'URSSAF (artisane, commerçante, "
        "micro-entrepreneuse, libérale, gérante majoritaire), la MSA (agricultrice), ou une caisse comme la CIPAV, la "
        "CARMF ou la CARPIMKO (profession libérale réglementée) ; une présidente de SAS rémunérée cotise par la paie "
        "de sa société. En cas de doute, choisissez « je ne sais pas » : le parcours montrera ce qu'il faut vérifier.",
    ),
    "paid_mandate": ("Est-elle rémunérée pour son mandat de présidente ?", None),
    "twelve_months": ("Est-elle installée à son compte (affiliée) depuis au moins 12 mois ?", None),
    "phase": ("Où en est-elle ?", None),
    "departement": ("Son département", None),
    "themes": ("De quoi a-t-elle besoin en priorité ?", None),
}
PHASE_WORDS = {
    Phase.PREVENTION: ("Je crée ou je gère mon activité", "Elle crée ou gère son activité"),
    Phase.TREATMENT: (
        "Je viens d'apprendre mon diagnostic, ou je suis en traitement",
        "Elle vient d'apprendre son diagnostic, ou elle est en traitement",
    ),
    Phase.AFTER: ("Mes traitements sont finis", "Ses traitements sont finis"),
}


def speak_of_her(form, answers: Answers):
    """The questions in the words of the person who answers: "votre statut", or "son statut" for a relative."""
    someone_else = answers.for_whom in (ForWhom.RELATIVE, ForWhom.PROFESSIONAL)
    if "phase" in form.fields:
        form.fields["phase"].choices = [(phase.value, PHASE_WORDS[phase][someone_else]) for phase in Phase]
    if not someone_else:
        return form
    for name, (label, help_text) in FOR_SOMEONE_ELSE.items():
        if name in form.fields:
            form.fields[name].label = label
            if help_text:
                form.fields[name].help_text = help_text
    return form


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Quel est votre statut ?",
        help_text=STATUS_HELP,
        choices=ProfessionalStatus.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def answers(self, current: Answers) -> Answers:
        status = self.cleaned_data["status"]
        changed = status != current.status
        # A new statut makes the eligibility answer meaningless.
        return current.update(
            status=status,
            paid_mandate="" if changed else current.paid_mandate,
            twelve_months="" if changed else current.twelve_months,
        )

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"status": answers.status}


class PaidMandateForm(forms.Form):
    paid_mandate = forms.ChoiceField(
        label="Êtes-vous rémunérée pour votre mandat de présidente ?",
        help_text="Sans rémunération, pas de cotisations : pas d'indemnités journalières ni de retraite. Vos soins "
        "restent pris en charge dans tous les cas.",
        choices=YesNo.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def answers(self, current: Answers) -> Answers:
        return current.update(paid_mandate=self.cleaned_data["paid_mandate"])

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"paid_mandate": answers.paid_mandate}


class TwelveMonthsForm(forms.Form):
    twelve_months = forms.ChoiceField(
        label="Êtes-vous installée à votre compte (affiliée) depuis au moins 12 mois ?",
        help_text="Les indemnités journalières en cas d'arrêt de travail demandent en principe 12 mois d'affiliation ; "
        "avant, un arrêt peut parfois être payé au titre de votre activité précédente (maintien de droits).",
        choices=YesNo.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def answers(self, current: Answers) -> Answers:
        return current.update(twelve_months=self.cleaned_data["twelve_months"])

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"twelve_months": answers.twelve_months}


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label="Où en êtes-vous ?",
        choices=[(phase.value, phase.short_label) for phase in Phase],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def answers(self, current: Answers) -> Answers:
        return current.update(phase=self.cleaned_data["phase"])

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"phase": answers.phase}


class DepartementForm(forms.Form):
    departement = forms.ChoiceField(
        label="Votre département",
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    code_postal = forms.CharField(
        label="Ou votre code postal",
        required=False,
        max_length=5,
        help_text="5 chiffres, par exemple 13001 : nous n'en gardons que le département.",
        error_messages={"max_length": "Un code postal a 5 chiffres, par exemple 13001."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Choisissez")] + [
            (code, f"{name} ({code})") for code, name in Territory.objects.departements().values_list("code", "name")
        ]

    def clean_code_postal(self):
        value = self.cleaned_data["code_postal"].strip()
        if value and departement_from_postal_code(value) is None:
            raise forms.ValidationError("Ce code postal n'est pas reconnu : 5 chiffres, par exemple 13001.")
        return value

    def answers(self, current: Answers) -> Answers:
        code = self.cleaned_data["departement"] or departement_from_postal_code(self.cleaned_data["code_postal"] or "")
        return current.update(departement=code or "")

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"departement": answers.departement}


class NeedsForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label="De quoi avez-vous besoin en priorité ?",
        help_text="Plusieurs choix possibles, ou aucun.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(Theme.objects.values_list("slug", "name"))

    def answers(self, current: Answers) -> Answers:
        return current.update(themes=tuple(self.cleaned_data["themes"]))

    @staticmethod
    def initial_from(answers: Answers) -> dict:
        return {"themes": list(answers.themes)}


STEPS = {
    "pour-qui": ForWhomForm,
    "statut": StatusForm,
    "precision": None,  # chosen from the statut
    "phase": PhaseForm,
    "departement": DepartementForm,
    "besoins": NeedsForm,
}


def precision_form(answers: Answers):
    """The eligibility question for her statut, or None when there is nothing to sharpen."""
    if answers.status == ProfessionalStatus.PRESIDENT_SAS:
        return PaidMandateForm
    if answers.status_known:
        return TwelveMonthsForm
    return None


def steps_for(answers: Answers) -> list[str]:
    """The steps she will see, in order (the eligibility question only when it applies)."""
    return [name for name in STEPS if name != "precision" or precision_form(answers) is not None]


def form_class(name: str, answers: Answers):
    return precision_form(answers) if name == "precision" else STEPS[name]
