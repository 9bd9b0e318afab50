from django.urls import path

from resources import views

app_name = "resources"
urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("feed/", views.LatestResourcesFeed(), name="resource-feed"),
    path("submit/", views.resource_submit, name="resource-submit"),
    path("translations/", views.translation_parity, name="translation-parity"),
    path("<slug:slug>/", views.resource_detail, name="resource-detail"),
    path("<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
]
