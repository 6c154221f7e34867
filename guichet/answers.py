"""Her answers to the questionnaire: a small value object kept in her browser, in a cookie of its own that only the
server can read (encrypted with Fernet, never in the session), carried to another device in an encrypted link that
expires and can be revoked, and stored on our side only if she saves them in her account.

The cookie (`reponses`) ends with the browser session unless she ticks "garder sur cet appareil": then it lasts
GUICHET_ANSWERS_KEEP_DAYS from that moment, and not a day more (the server refuses an older one whatever the
browser sends). Without that choice the server also refuses a cookie not rewritten for a day (browsers that restore
their sessions).

Keys: GUICHET_ANSWERS_KEYS (comma-separated Fernet keys, `Fernet.generate_key()`); the first encrypts, all decrypt,
so a new key goes first and the old one is removed GUICHET_ANSWERS_KEEP_DAYS later. Unset: derived from SECRET_KEY
(and SECRET_KEY_FALLBACKS, so rotating Django's key the documented way rotates these too).

Views read and write through `from_session(request)`, `to_session(request, answers)`, `has_answered(request)` and
`erase(request)`; AnswersMiddleware writes the cookie on the response.
"""

import base64
import datetime
import functools
import json
import secrets
import time
import zlib
from dataclasses import asdict, dataclass, field, replace

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.cache import patch_cache_control, patch_vary_headers

from guichet.enums import ForWhom, Phase, ProfessionalStatus, YesNo

COOKIE_NAME = "reponses"
# Without "garder sur cet appareil", a cookie not rewritten for this long is refused (and rewritten when older
# than REFRESH_SECONDS, so that a visit keeps it alive).
SESSION_SECONDS = 24 * 3600
REFRESH_SECONDS = 3600


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

    def listing_filters(self) -> dict:
        """The filters of a listing that match her answers (statut, phase, département). Applied by the server for
        `?selon=mes-reponses`: her answers never go into an address."""
        filters = {
            "statut": self.status if self.status_known else "",
            "phase": self.phase,
            "departement": self.departement,
        }
        return {name: value for name, value in filters.items() if value}


FOR_HER_PARAM = ("selon", "mes-reponses")


# ---------------------------------------------------------------------------------------------------------------------
# Encryption: Fernet (AES-128-CBC + HMAC-SHA256, with the time it was written), several keys for rotation.


def _derived_key(secret: str) -> bytes:
    """A Fernet key of its own for the answers, derived from a Django secret key (never the secret itself)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"guichet-unique: reponses v1").derive(
        secret.encode()
    )
    return base64.urlsafe_b64encode(raw)


@functools.lru_cache(maxsize=8)
def _multi_fernet(keys: tuple) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        raise ImproperlyConfigured(
            "GUICHET_ANSWERS_KEYS : chaque clé doit être une clé Fernet (32 octets en base64 « url-safe »), "
            "comme celles que donne `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`."
        ) from None


def _fernet() -> MultiFernet:
    keys = tuple(getattr(settings, "GUICHET_ANSWERS_KEYS", None) or ())
    if not keys:
        secrets_ = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
        keys = tuple(_derived_key(secret) for secret in secrets_)
    return _multi_fernet(keys)


def seal(purpose: str, data: dict, *, now: float | None = None) -> str:
    """`data` encrypted for `purpose` ("cookie", "link", "stand"): unreadable and unalterable without the key."""
    payload = zlib.compress(json.dumps({**data, "p": purpose}, separators=(",", ":")).encode())
    token = _fernet().encrypt_at_time(payload, int(time.time() if now is None else now))
    return token.decode("ascii").rstrip("=")


def unseal(purpose: str, token: str) -> tuple[dict, int]:
    """(data, written at, in seconds since the epoch). Raises InvalidToken on anything we did not write."""
    try:
        raw = (token + "=" * (-len(token) % 4)).encode("ascii")
        fernet = _fernet()
        data = json.loads(zlib.decompress(fernet.decrypt(raw)))
        written_at = fernet.extract_timestamp(raw)
    except (InvalidToken, UnicodeError, ValueError, zlib.error):
        raise InvalidToken from None
    if not isinstance(data, dict) or data.pop("p", None) != purpose:
        raise InvalidToken
    return data, written_at


def _new_link_id() -> str:
    return secrets.token_hex(12)


# ---------------------------------------------------------------------------------------------------------------------
# Her cookie. Its state: "a" her answers (present once she went through the questionnaire), "s" the event code she
# came from, "c" counted in the figures, "l" the id her links carry (for revocation), "k" when she chose to keep
# them on this device, "st" the stand session they belong to (mode stand, onboarding/stand.py).


class AnswersCookie:
    """Read lazily (a page that does not ask for her answers does not vary on cookies), written by the middleware."""

    def __init__(self, request):
        self.request = request
        self.stand = None
        self.accessed = False
        self.modified = False
        self._state = None
        self._written_at = None

    def bind_stand(self, stand_id) -> None:
        """Mode stand: only answers given during this stand session count (onboarding/stand.py)."""
        self.stand = stand_id
        self._state = None

    @property
    def state(self) -> dict:
        self.accessed = True
        if self._state is None:
            self._state, self._written_at = self._load()
        return self._state

    def _load(self):
        token = self.request.COOKIES.get(COOKIE_NAME)
        if not token:
            return {}, None
        try:
            state, written_at = unseal("cookie", token)
        except InvalidToken:
            self.modified = True  # deleted on the response
            return {}, None
        now = time.time()
        kept_at = state.get("k")
        if kept_at:
            valid = isinstance(kept_at, int) and now - kept_at <= settings.GUICHET_ANSWERS_KEEP_DAYS * 86400
        else:
            valid = now - written_at <= SESSION_SECONDS
        if not valid or state.get("st") != self.stand:
            self.modified = True
            return {}, None
        return state, written_at

    def update(self, **changes) -> None:
        """Change some keys (None removes one)."""
        state = dict(self.state)
        for key, value in changes.items():
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
        if self.stand:
            state["st"] = self.stand
            state.pop("k", None)  # never kept on a shared tablet
        self._state = state
        self.modified = True

    def clear(self) -> None:
        self._state, self.modified, self.accessed = {}, True, True

    def write(self, response) -> None:
        if self.accessed:
            patch_vary_headers(response, ("Cookie",))
            if self._state and "a" in self._state:
                # A page drawn from her answers stays out of every shared cache, and out of the browser's too.
                patch_cache_control(response, private=True, no_store=True)
        state = self._state
        now = time.time()
        if state and not self.modified and not state.get("k") and now - (self._written_at or now) > REFRESH_SECONDS:
            self.modified = True  # still in use: rewritten so that it does not expire while she reads
        if not self.modified:
            return
        if not state:
            if COOKIE_NAME in self.request.COOKIES:
                response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")
            return
        max_age = None
        if state.get("k"):
            max_age = max(0, state["k"] + settings.GUICHET_ANSWERS_KEEP_DAYS * 86400 - int(now))
        response.set_cookie(
            COOKIE_NAME,
            seal("cookie", state, now=now),
            max_age=max_age,
            path="/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


class AnswersMiddleware:
    """Gives every request its `answers_cookie` and writes it back on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.answers_cookie = AnswersCookie(request)
        response = self.get_response(request)
        request.answers_cookie.write(response)
        return response


def _cookie(request) -> AnswersCookie:
    try:
        return request.answers_cookie
    except AttributeError:
        raise TypeError(
            "Her answers are read from the request (guichet.answers.AnswersMiddleware), not from the session: "
            "pass `request`."
        ) from None


def from_session(request) -> Answers:
    """Her answers on this device (empty when she has none). Named before the answers left the session."""
    return Answers.from_dict(_cookie(request).state.get("a"))


def has_answered(request) -> bool:
    """She went through the questionnaire (even skipping every question)."""
    return "a" in _cookie(request).state


def to_session(request, answers: Answers) -> None:
    cookie = _cookie(request)
    cookie.update(a=answers.as_dict(), l=cookie.state.get("l") or _new_link_id())


def erase(request) -> None:
    """Everything she answered, gone from this device (the cookie is deleted on the response)."""
    _cookie(request).clear()


def source(request) -> str:
    return _cookie(request).state.get("s", "")


def set_source(request, code: str) -> None:
    _cookie(request).update(s=code or None)


def is_counted(request) -> bool:
    return bool(_cookie(request).state.get("c"))


def mark_counted(request) -> None:
    _cookie(request).update(c=1)


def is_kept(request) -> bool:
    return bool(_cookie(request).state.get("k"))


def keep(request, on: bool) -> None:
    """ "Garder sur cet appareil": the cookie then lasts GUICHET_ANSWERS_KEEP_DAYS from now; otherwise it ends with
    the browser session. Refused in mode stand (see AnswersCookie.update)."""
    _cookie(request).update(k=int(time.time()) if on else None)


def keep_until(request):
    """The date her answers will be erased from this device, when she chose to keep them."""
    kept_at = _cookie(request).state.get("k")
    if not kept_at:
        return None
    return datetime.datetime.fromtimestamp(kept_at + settings.GUICHET_ANSWERS_KEEP_DAYS * 86400, tz=datetime.UTC)


# ---------------------------------------------------------------------------------------------------------------------
# "Continuer sur mon téléphone": an encrypted link, valid GUICHET_PARCOURS_LINK_DAYS, revocable.


class LinkInvalid(Exception):
    """Cut, altered, or not ours."""


class LinkExpired(LinkInvalid):
    pass


class LinkRevoked(LinkInvalid):
    pass


def link_id(request) -> str:
    """The random id her links carry; nothing else ties a link to her."""
    cookie = _cookie(request)
    if not cookie.state.get("l"):
        cookie.update(l=_new_link_id())
    return cookie.state["l"]


def make_link_token(answers: Answers, link_id: str = "") -> str:
    return seal("link", {"a": answers.as_dict(), "l": link_id or _new_link_id()})


def read_link(token: str) -> tuple[Answers, str]:
    """Her answers and the link's id. Raises LinkInvalid (altered, or a link of the old signed kind), LinkExpired;
    whether the link was revoked is for its owner, onboarding.links, to say."""
    try:
        data, written_at = unseal("link", token)
    except InvalidToken:
        raise LinkInvalid from None
    if time.time() - written_at > settings.GUICHET_PARCOURS_LINK_DAYS * 86400:
        raise LinkExpired
    return Answers.from_dict(data.get("a")), str(data.get("l", ""))[:32]


def renew_link_id(request) -> str:
    """Her next links get a new id; the one they carried so far (or "") is returned."""
    cookie = _cookie(request)
    old = cookie.state.get("l") or ""
    cookie.update(l=_new_link_id())
    return old


# ---------------------------------------------------------------------------------------------------------------------


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
