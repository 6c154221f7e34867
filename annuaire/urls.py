from django.urls import path

from annuaire import views

app_name = "annuaire"

urlpatterns = [
    path("", views.listing, name="listing"),
    path("<slug:slug>/", views.detail, name="detail"),
]
