"""The kernel's own pages: home, legal pages, reading settings, announcements, the error report form and the sitemap."""

from django.urls import path

from guichet import reading, sitemaps, views

app_name = "guichet"

urlpatterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("sante/", views.health, name="health"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("themes.css", views.theme_stylesheet, name="theme_stylesheet"),
    path("lecture/", reading.settings_page, name="reading"),
    path("lecture.css", reading.stylesheet, name="reading_stylesheet"),
    path("recherche/", views.search, name="search"),
    path("actualites/", views.announcement_list, name="announcements"),
    path("actualites/<slug:slug>/", views.announcement_detail, name="announcement"),
    path(
        "signaler/<str:model_label>/<int:pk>/",
        views.report_error,
        name="report_error",
    ),
]
