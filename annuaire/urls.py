from django.urls import path

from annuaire import views

app_name = "annuaire"

urlpatterns = [
    path("", views.listing, name="listing"),
    path("export/structures.json", views.export_structures, name="export_structures"),
    path("export/services.json", views.export_services, name="export_services"),
    path("mise-en-relation/", views.contact_request, name="contact_request"),
    path("mise-en-relation/envoyee/", views.contact_request_sent, name="contact_request_sent"),
    path("mise-en-relation/suivi/<str:token>/", views.request_status, name="request_status"),
    path("mise-en-relation/suivi/<str:token>/annuler/", views.request_cancel, name="request_cancel"),
    path("<slug:slug>/mise-en-relation/", views.contact_request, name="structure_contact_request"),
    path("<slug:slug>/", views.detail, name="detail"),
]
