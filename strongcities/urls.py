from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from strongcities import api, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.include_format_suffixes = False
router.register("hubs", api.HubViewSet, basename="hub")
router.register("cities", api.CityViewSet, basename="city")

admin.site.site_header = "Strong Cities Network"
admin.site.site_title = "Strong Cities Network"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((router.urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path(
        "accounts/invitation/<str:token>/",
        views.accept_invitation_view,
        name="accept-invitation",
    ),
    path("account/settings/", views.account_settings, name="account-settings"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("members/", include("members.urls")),
    path("hubs/", include("hubs.urls")),
    path("resources/", include("resources.urls")),
    path("events/", include("events.urls")),
    path("steering/", include("steering.urls")),
    prefix_default_language=True,
)

handler403 = "strongcities.views.permission_denied"
handler404 = "strongcities.views.page_not_found"
handler500 = "strongcities.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
