from django.urls import path

from steering import views

app_name = "steering"
urlpatterns = [
    path("", views.committee, name="committee"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<int:year>/<int:half>/", views.plan_detail, name="plan-detail"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("papers/<int:pk>/", views.paper_download, name="paper-download"),
]
