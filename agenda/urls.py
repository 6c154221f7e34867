from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.listing, name="listing"),
    path("agenda.ics", views.feed, name="feed"),
    path("passes/", views.archive, name="archive"),
    path("<slug:slug>.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>/", views.detail, name="detail"),
]
