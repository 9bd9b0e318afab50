from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.csv", views.export, name="export"),
    path("people/<int:pk>/", views.person_trail, name="person"),
    path("records/<str:model>/<str:pk>/", views.object_trail, name="object"),
]
