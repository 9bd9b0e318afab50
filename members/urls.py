from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("map/", views.city_map, name="city-map"),
    path("my-city/", views.my_city, name="my-city"),
    path("<str:country>/<slug:slug>/", views.city_detail, name="city-detail"),
    path("<str:country>/<slug:slug>/edit/", views.city_edit, name="city-edit"),
    path("<str:country>/<slug:slug>/agree/", views.city_agree_principles, name="city-agree"),
    path(
        "<str:country>/<slug:slug>/colleague/",
        views.city_invite_colleague,
        name="city-invite-colleague",
    ),
    path("<str:country>/<slug:slug>/history/", views.city_history, name="city-history"),
    path("<str:country>/<slug:slug>/handover/", views.city_handover, name="city-handover"),
]
