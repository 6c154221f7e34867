"""The site's addresses: the kernel's pages (guichet/urls.py), each app's, the accounts (allauth) and the back office
(the Django admin, behind one throttled login)."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from backoffice import invitations
from guichet import staff_security, views

admin.site.site_header = "Guichet unique — administration"
admin.site.site_title = "Guichet unique"
admin.site.index_title = "Tableau de bord"

# allauth's page when one of its rate limits is reached (a login, a reset): in French.
handler429 = "guichet.staff_security.too_many_requests"

urlpatterns = [
    # Browsers ask for /favicon.ico on every site, the admin included.
    path("favicon.ico", views.favicon),
    path("", include("guichet.urls")),
    path("ressources/", include("ressources.urls")),
    path("annuaire/", include("annuaire.urls")),
    path("agenda/", include("agenda.urls")),
    path("groupes/", include("pairs.urls")),
    path("", include("onboarding.urls")),
    path("compte/", views.account_home, name="account_home"),
    path("alertes/", include("alertes.urls")),
    path("compte/supprimer/", views.account_delete, name="account_delete"),
    # Before allauth's own page of the same address: the team lands in the back office after choosing a password.
    re_path(
        r"^compte/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        invitations.choose_password_view(),
        name="choose_password",
    ),
    # allauth's page to add an authenticator app, which then counts as the session's second factor.
    path("compte/2fa/totp/activate/", staff_security.activate_totp, name="mfa_activate_totp"),
    path("compte/", include("allauth.urls")),
    # The admin's login page shows "Mot de passe oublié ?" when this name exists: it leads to the account's reset.
    path(
        "admin/mot-de-passe-oublie/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="admin_password_reset",
    ),
    # The rich-text editor's French (its dialogs and buttons call gettext): loaded by the editorial change form.
    path(
        "admin/jsi18n-editeur/",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="editor_jsi18n",
    ),
    # One throttled login for everyone (issue 17, point 2): the admin's login page leads to allauth's, before the
    # admin's own (which counted no failed attempt). The team then gives a second factor (guichet/staff_security.py).
    path("admin/login/", staff_security.admin_login, name="admin_login"),
    # Her own password is changed from her account, behind allauth's limits, never on the admin's unthrottled form.
    path("admin/password_change/", RedirectView.as_view(pattern_name="account_change_password")),
    path("admin/", admin.site.urls),
]
