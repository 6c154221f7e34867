"""Her answers to the questionnaire: a small value object kept in her session (a signed cookie on her device),
carried in a signed link to continue on another device, and stored only if she saves them in her account.
"""

from dataclasses import asdict, dataclass, field, replace

from django.conf import settings
from django.core import signing

from guichet.enums import ForWhom, Phase, ProfessionalStatus, YesNo

SESSION_KEY = "parcours"
LINK_SALT = "onboarding.parcours-link"


@dataclass(frozen=True)
class Answers:
    for_whom: str = ""
    status: str = ""
    phase: str = ""
    departement: str = ""
    themes: tuple[str, ...] = field(default_factory=tuple)
    # The eligibility question asked after the status (see onboarding/steps.py).
    paid_mandate: str = ""
    twelve_months: str = ""

    @classmethod
    def from_dict(cls, data) -> "Answers":
        """Answers from a session or a link; anything unknown or malformed is dropped, never trusted."""
        if not isinstance(data, dict):
            return cls()

        def pick(name, allowed):
            value = data.get(name, "")
            return value if isinstance(value, str) and value in allowed else ""

        themes = data.get("themes", [])
        themes = (
            tuple(t for t in themes if isinstance(t, str) and len(t) <= 60)[:10]
            if isinstance(themes, list | tuple)
            else ()
        )
        departement = data.get("departement", "")
        departement = departement if isinstance(departement, str) and len(departement) <= 3 else ""
        yes_no = set(YesNo.values)
        return cls(
            for_whom=pick("for_whom", set(ForWhom.values)),
            status=pick("status", set(ProfessionalStatus.values)),
            phase=pick("phase", set(Phase.values)),
            departement=departement,
            themes=themes,
            paid_mandate=pick("paid_mandate", yes_no),
            twelve_months=pick("twelve_months", yes_no),
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        data["themes"] = list(self.themes)
        return {key: value for key, value in data.items() if value}

    def update(self, **changes) -> "Answers":
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        return not self.as_dict()

    @property
    def status_known(self) -> bool:
        return bool(self.status) and self.status != ProfessionalStatus.UNKNOWN


def from_session(session) -> Answers:
    return Answers.from_dict(session.get(SESSION_KEY))


def has_answered(session) -> bool:
    """She went through the questionnaire (even skipping every question)."""
    return SESSION_KEY in session


def to_session(session, answers: Answers) -> None:
    session[SESSION_KEY] = answers.as_dict()


def erase(session) -> None:
    session.pop(SESSION_KEY, None)
    session.pop("parcours_source", None)
    session.pop("parcours_counted", None)


def make_link_token(answers: Answers) -> str:
    return signing.dumps(answers.as_dict(), salt=LINK_SALT, compress=True)


def read_link_token(token: str) -> Answers:
    """Raises signing.BadSignature (altered) or signing.SignatureExpired (too old)."""
    max_age = settings.GUICHET_PARCOURS_LINK_DAYS * 86400
    return Answers.from_dict(signing.loads(token, salt=LINK_SALT, max_age=max_age))


def summary(answers: Answers, *, departement=None) -> list[tuple[str, str]]:
    """Her answers in words: [("Statut", "Artisane"), …]. `departement`: the Territory when already at hand."""
    from guichet.models import Territory
    from guichet.models.vocabulary import theme_names

    rows = []
    if answers.for_whom:
        rows.append(("Pour qui", ForWhom(answers.for_whom).label))
    if answers.status:
        rows.append(("Statut", ProfessionalStatus(answers.status).label))
    if answers.paid_mandate:
        rows.append(("Rémunérée pour son mandat", YesNo(answers.paid_mandate).label))
    if answers.twelve_months:
        rows.append(("Affiliée depuis 12 mois", YesNo(answers.twelve_months).label))
    if answers.phase:
        rows.append(("Où elle en est", Phase(answers.phase).short_label))
    if answers.departement:
        name = (
            departement.name
            if departement is not None
            else (
                Territory.objects.departements().filter(code=answers.departement).values_list("name", flat=True).first()
            )
        )
        rows.append(("Département", f"{name} ({answers.departement})" if name else answers.departement))
    if answers.themes:
        names = theme_names()
        rows.append(("Besoins", ", ".join(names[slug] for slug in names if slug in answers.themes)))
    return rows
