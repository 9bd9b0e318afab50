from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("<str:country>/<slug:slug>/", views.city_detail, name="city-detail"),
]
