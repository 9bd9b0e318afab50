"""Staff pages under /<lang>/dashboard/."""

from django.urls import path

from members import dashboard_views as views

app_name = "engagement"
urlpatterns = [
    path("engagement/", views.engagement_dashboard, name="dashboard"),
    path("engagement/export.<str:fmt>", views.engagement_export, name="export"),
    path("engagement/<str:country>/<slug:slug>/", views.city_engagement, name="city"),
    path(
        "engagement/<str:country>/<slug:slug>/expectations/",
        views.city_expectations,
        name="expectations",
    ),
    path("members/requests/", views.colleague_requests, name="colleague-requests"),
    path(
        "members/requests/<int:pk>/",
        views.colleague_request_decide,
        name="colleague-request-decide",
    ),
    path("members/import/", views.import_cities, name="import"),
]
