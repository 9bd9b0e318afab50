from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_list, name="hub-list"),
    path("<slug:slug>/", views.hub_detail, name="hub-detail"),
    path("<slug:slug>/stakeholders/", views.stakeholder_list, name="stakeholder-list"),
    path("<slug:slug>/needs/", views.needs_and_consultations, name="needs"),
]
