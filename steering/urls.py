from django.urls import path

from steering import views

app_name = "steering"
urlpatterns = [path("", views.committee, name="committee")]
