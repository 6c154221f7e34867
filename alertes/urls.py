from django.urls import path

from alertes import views

app_name = "alertes"

urlpatterns = [
    path("suivre/<str:model_label>/<int:pk>/", views.follow, name="follow"),
    path("recherche/", views.follow_search, name="follow_search"),
    path("mon-parcours/", views.follow_parcours, name="follow_parcours"),
    path("demandee/", views.requested, name="requested"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
