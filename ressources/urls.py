from django.urls import path

from ressources import views

app_name = "ressources"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/", views.listing, name="listing"),
    path("<str:kind>/<slug:slug>/", views.detail, name="detail"),
]
