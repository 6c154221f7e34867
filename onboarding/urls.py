from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("questionnaire/", views.start, name="start"),
    path("questionnaire/<slug:name>/", views.step, name="step"),
    path("mon-parcours/", views.parcours, name="parcours"),
    path("mon-parcours/imprimer/", views.parcours_print, name="print"),
    path("mon-parcours/code-qr.svg", views.parcours_qr, name="qr"),
    path("mon-parcours/envoyer/", views.send_email, name="send"),
    path("mon-parcours/enregistrer/", views.save, name="save"),
    path("mon-parcours/effacer/", views.erase, name="erase"),
    path("mon-parcours/garder/", views.keep, name="keep"),
    path("mon-parcours/desactiver-les-liens/", views.revoke_links, name="revoke_links"),
    path("mon-parcours/mes-reponses/", views.saved_answers, name="saved_answers"),
    path("stand/terminer/", views.stand_finish, name="stand_finish"),
    path("livret/<str:code>/", views.departement_booklet, name="booklet"),
    path("stand/<slug:code>/", views.stand_start, name="stand"),
]
