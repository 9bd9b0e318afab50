from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_list, name="hub-list"),
    path("<slug:slug>/", views.hub_detail, name="hub-detail"),
]
