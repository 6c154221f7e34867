from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from guichet import answers as store
from guichet import qr, ratelimit
from guichet.enums import Phase
from guichet.models.reports import client_fingerprint
from guichet.models.vocabulary import territory_index
from onboarding import booklet, links, matching, services, stand
from onboarding.forms import EMAIL_RATE_ACTION, SaveAnswersForm, SendParcoursForm
from onboarding.models import SavedAnswers, UsageCount
from onboarding.steps import STEPS, form_class, speak_of_her, steps_for


def _from_this_site(request) -> bool:
    """Posted from one of the site's own pages: the browser says so (Sec-Fetch-Site), or the Origin is this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return False
    return origin == f"{request.scheme}://{request.get_host()}"


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def start(request):
    """/questionnaire/ (printed on flyers): ?source=CODE counts the event she came from. The home page's doors post
    her phase here (never in an address: it would stay in logs, the history and Referer headers), then lead to the
    questionnaire. The doors sit on a page shared by every visitor (no CSRF token there): a post is taken only
    from the site's own pages (Origin / Sec-Fetch-Site), so another site cannot rewrite her answers."""
    answers = store.from_session(request)
    if request.method == "POST":
        if not _from_this_site(request):
            return render(request, "onboarding/door_refused.html", status=403)
        phase = request.POST.get("phase", "")
        if phase in Phase.values and phase != answers.phase:
            store.to_session(request, answers.update(phase=phase))
        return redirect("onboarding:start")
    source = services.active_source(request.GET.get("source", ""))
    if source:
        store.set_source(request, source)
    first = steps_for(answers)[0]
    return render(
        request,
        "onboarding/start.html",
        {
            "answered": store.has_answered(request),
            "first_url": reverse("onboarding:step", args=[first]),
            "steps": len(steps_for(answers)),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, name):
    if name not in STEPS:
        raise Http404
    answers = store.from_session(request)
    steps = steps_for(answers)
    if name not in steps:  # the eligibility question does not apply to her statut
        return redirect("onboarding:step", steps[min(steps.index("statut") + 1, len(steps) - 1)])
    form_cls = form_class(name, answers)
    if request.method == "POST":
        action = request.POST.get("action", "suivant")
        form = speak_of_her(form_cls(request.POST), answers)  # before validation: bound fields keep their label
        if action == "passer":
            answers = _cleared(answers, form_cls)
        elif form.is_valid():
            answers = form.answers(answers)
        elif action != "precedent":
            return _render_step(request, name, form, answers, status=200)
        store.to_session(request, answers)
        steps = steps_for(answers)
        position = steps.index(name) if name in steps else steps.index("statut")
        if action == "precedent":
            return (
                redirect("onboarding:step", steps[max(position - 1, 0)]) if position else redirect("onboarding:start")
            )
        if position + 1 < len(steps):
            return redirect("onboarding:step", steps[position + 1])
        return redirect("onboarding:parcours")
    form = form_cls(initial=form_cls.initial_from(answers))
    return _render_step(request, name, speak_of_her(form, answers), answers)


def _cleared(answers, form_cls):
    empty = {field: () if field == "themes" else "" for field in form_cls.base_fields if hasattr(answers, field)}
    if "status" in empty:
        empty.update(paid_mandate="", twelve_months="")
    return answers.update(**empty)


def _render_step(request, name, form, answers, status=200):
    steps = steps_for(answers)
    position = steps.index(name)
    return render(
        request,
        "onboarding/step.html",
        {
            "form": form,
            "name": name,
            "number": position + 1,
            "total": len(steps),
            "is_last": position + 1 == len(steps),
        },
        status=status,
    )


@never_cache
def parcours(request):
    token = request.GET.get("r")
    if token:
        try:
            answers = links.read_link_token(token)
        except store.LinkExpired:
            return _link_problem(request, "expired")
        except store.LinkRevoked:
            return _link_problem(request, "revoked")
        except store.LinkInvalid:
            return _link_problem(request, "invalid")
        store.to_session(request, answers)
        services.count(UsageCount.Kind.PHONE, answers)
        return redirect("onboarding:parcours")
    answers = store.from_session(request)
    if not store.has_answered(request):
        return render(request, "onboarding/parcours_empty.html")
    if not store.is_counted(request):
        services.count(UsageCount.Kind.QUESTIONNAIRE, answers, source=store.source(request))
        store.mark_counted(request)
    return render(request, "onboarding/parcours.html", _parcours_context(request, answers))


QR_TITLE = "Code QR : ouvrir ce parcours sur un autre appareil"


def _continue_link(request, answers) -> str:
    token = store.make_link_token(answers, store.link_id(request))
    return request.build_absolute_uri(reverse("onboarding:parcours")) + "?r=" + token


@never_cache
def parcours_qr(request):
    """The "continuer sur mon téléphone" code of her parcours, as an image the page links to (from her cookie: no
    answer in the address)."""
    if not store.has_answered(request):
        raise Http404("Pas de parcours à montrer.")
    answers = store.from_session(request)
    return HttpResponse(qr.svg_document(_continue_link(request, answers), title=QR_TITLE), content_type="image/svg+xml")


def _parcours_context(request, answers, **extra):
    link = _continue_link(request, answers)
    saved = SavedAnswers.objects.filter(user=request.user).exists() if request.user.is_authenticated else False
    # Drawn for each request, never put in the shared cache: a cache key made from her answers (even hashed: they
    # are few) or suggestions that speak of her phase would be her answers outside her browser.
    result = matching.parcours(answers)
    return {
        "parcours": result,
        "answers": answers,
        "link": link,
        "link_days": settings.GUICHET_PARCOURS_LINK_DAYS,
        "qr_title": QR_TITLE,
        "email_form": extra.get("email_form") or SendParcoursForm(),
        "save_form": extra.get("save_form") or SaveAnswersForm(),
        "saved": saved,
        "summary": store.summary(answers, departement=result.departement),
        "kept_until": store.keep_until(request),
        "keep_days": settings.GUICHET_ANSWERS_KEEP_DAYS,
    }


@never_cache
def parcours_print(request):
    answers = store.from_session(request)
    if not store.has_answered(request):
        return redirect("onboarding:parcours")
    services.count(UsageCount.Kind.PRINTED, answers)
    context = _parcours_context(request, answers)
    return render(request, "onboarding/parcours_print.html", context)


@never_cache
@require_POST
def send_email(request):
    answers = store.from_session(request)
    if not store.has_answered(request):
        return redirect("onboarding:parcours")
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = SendParcoursForm(request.POST, fingerprint=fingerprint)
    if not form.is_valid():
        return render(request, "onboarding/parcours.html", _parcours_context(request, answers, email_form=form))
    if not form.is_spam:
        context = _parcours_context(request, answers)
        services.send_parcours(email=form.cleaned_data["email"], parcours=context["parcours"], link=context["link"])
        ratelimit.count(EMAIL_RATE_ACTION, fingerprint)
        services.count(UsageCount.Kind.EMAILED, answers)
    messages.success(
        request,
        "Votre parcours va vous être envoyé par e-mail dans quelques minutes. Pensez à regarder dans les courriers "
        "indésirables.",
    )
    return redirect("onboarding:parcours")


@never_cache
@require_POST
def save(request):
    answers = store.from_session(request)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("onboarding:parcours"))
    if not store.has_answered(request):
        return redirect("onboarding:parcours")
    form = SaveAnswersForm(request.POST)
    if not form.is_valid():
        return render(request, "onboarding/parcours.html", _parcours_context(request, answers, save_form=form))
    services.save_to_account(request.user, answers)
    services.count(UsageCount.Kind.SAVED, answers)
    messages.success(request, "Vos réponses sont enregistrées dans votre compte.")
    return redirect("onboarding:parcours")


@never_cache
@require_POST
def keep(request):
    """ "Garder sur cet appareil" (GUICHET_ANSWERS_KEEP_DAYS), or back to "jusqu'à la fermeture du navigateur"."""
    if not store.has_answered(request):
        return redirect("onboarding:parcours")
    if stand.is_on(request):
        messages.error(request, "Sur la tablette d'un stand, vos réponses ne sont jamais gardées.")
        return redirect("onboarding:parcours")
    on = request.POST.get("garder") == "oui"
    store.keep(request, on)
    if on:
        messages.success(
            request,
            f"Vos réponses restent sur cet appareil {settings.GUICHET_ANSWERS_KEEP_DAYS} jours, "
            "puis elles s'effacent d'elles-mêmes.",
        )
    else:
        messages.success(request, "Vos réponses s'effaceront à la fermeture du navigateur.")
    return redirect("onboarding:parcours")


@never_cache
@require_POST
def revoke_links(request):
    """ "Désactiver les liens envoyés": the links and QR codes given so far stop working (410)."""
    if not store.has_answered(request):
        return redirect("onboarding:parcours")
    links.revoke_links(request)
    messages.success(
        request,
        "Les liens et codes QR donnés jusqu'ici ne fonctionnent plus. Ceux de cette page sont nouveaux.",
    )
    return redirect("onboarding:parcours")


@never_cache
@require_POST
def erase(request):
    """ "Effacer mes réponses": for a shared device (a tablet at a stand)."""
    store.erase(request)
    messages.success(request, "Vos réponses sont effacées de cet appareil.")
    return redirect("onboarding:start")


@never_cache
@login_required
@require_POST
def saved_answers(request):
    """From /compte/: load her saved answers into this device, or delete them."""
    saved = SavedAnswers.objects.filter(user=request.user).first()
    if saved is None:
        return redirect("account_home")
    if request.POST.get("action") == "supprimer":
        saved.delete()
        messages.success(request, "Vos réponses enregistrées sont supprimées.")
        return redirect("account_home")
    store.to_session(request, store.Answers.from_dict(saved.answers))
    if request.POST.get("action") == "modifier":
        return redirect("onboarding:step", "pour-qui")
    return redirect("onboarding:parcours")


def _link_problem(request, problem):
    response = render(
        request,
        "onboarding/link_problem.html",
        {"problem": problem, "link_days": settings.GUICHET_PARCOURS_LINK_DAYS},
        status=400 if problem == "invalid" else 410,
    )
    response["Referrer-Policy"] = "no-referrer"  # the address holds the token
    return response


@never_cache
def stand_start(request, code):
    """/stand/<code>/: the coordinator's tablet. The code must be one she created (an unknown one is a 404)."""
    source = services.active_source(code)
    if not source:
        raise Http404("Code d'événement inconnu.")
    if request.user.is_authenticated:
        # Never a stand where someone is signed in, and never a silent logout of the person signed in.
        return render(request, "onboarding/stand_signed_in.html", {"code": source}, status=409)
    response = redirect("onboarding:step", "pour-qui")
    stand.start(request, source)
    if request.GET.get("fin"):
        messages.success(request, "Vos réponses sont effacées. Merci de votre visite !")
    response["Clear-Site-Data"] = '"cache"'
    return response


@never_cache
@require_POST
def stand_finish(request):
    """ "Terminer et effacer": everything she answered is wiped; the questionnaire starts again for the next person."""
    if not stand.is_on(request):
        store.erase(request)
        return redirect("onboarding:start")
    return stand.wipe_and_restart(request, stand.code(request), finished=True)


def departement_booklet(request, code):
    """/livret/<code>/: the booklet of a département, made to be printed."""
    departement = territory_index().departements.get(code.upper())
    if departement is None:
        raise Http404("Département inconnu.")
    site = request.build_absolute_uri("/")
    return render(
        request,
        "onboarding/booklet.html",
        {
            "booklet": booklet.booklet(departement),
            "booklet_event_days": booklet.EVENT_DAYS,
            "site": site.rstrip("/"),
            "qr_svg": qr.public_inline_svg(
                site + "questionnaire/", title="Code QR : le questionnaire du Guichet unique", for_print=True
            ),
            "today": timezone.localdate(),
        },
    )
