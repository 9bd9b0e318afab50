from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.policy, name="policy"),
    path("my-data/", views.my_data, name="my-data"),
    path("erase/", views.erase_search, name="erase"),
    path("erase/people/<int:pk>/", views.erase_person, name="erase-person"),
]
