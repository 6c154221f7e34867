from django.urls import path

from pairs import views

app_name = "pairs"

urlpatterns = [
    path("", views.listing, name="listing"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("annuler/<str:token>/", views.cancel, name="cancel"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/inscription/", views.sign_up, name="signup"),
    path("<slug:slug>/inscription/envoyee/", views.signup_sent, name="signup_sent"),
]
