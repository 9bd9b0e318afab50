from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from events import api as events_api
from hubs import api as hubs_api
from members import api as members_api
from resources import api as resources_api
from resources.sitemaps import SITEMAPS
from steering import api as steering_api
from strongcities import api, ops_views, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.include_format_suffixes = False
router.register("hubs", api.HubViewSet, basename="hub")
router.register("helpdesk/tickets", hubs_api.TicketViewSet, basename="helpdesk-ticket")
router.register("events", events_api.EventViewSet, basename="event")
router.register("my-registrations", events_api.MyRegistrationViewSet, basename="my-registration")
router.register("resources", resources_api.ResourceViewSet, basename="resource")
router.register("cities", members_api.CityViewSet, basename="city")
router.register("my-city", members_api.MyCityViewSet, basename="my-city")
router.register("steering/members", steering_api.CommitteeMemberViewSet, basename="steering-member")
router.register("steering/plans", steering_api.ActionPlanViewSet, basename="steering-plan")
router.register("steering/meetings", steering_api.MeetingViewSet, basename="steering-meeting")

admin.site.site_header = "Strong Cities Network"
admin.site.site_title = "Strong Cities Network"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", ops_views.security_txt, name="security-txt"),
    # City logos and resource covers only; private files have permission-checked views.
    re_path(r"^media/(?P<path>.*)$", ops_views.public_media, name="public-media"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((router.urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "resources/sitemap.xml"},
        name="sitemap",
    ),
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
    path("dashboard/status/", ops_views.status_page, name="status"),
    path("dashboard/", include("members.dashboard_urls")),
    path("dashboard/report/", include("steering.report_urls")),
    path("members/", include("members.urls")),
    path("hubs/", include("hubs.urls")),
    path("helpdesk/", include("hubs.helpdesk_urls")),
    path("resources/", include("resources.urls")),
    path("events/", include("events.urls")),
    path("steering/", include("steering.urls")),
    path("surveys/", include("surveys.urls")),
    path("audit/", include("audit.urls")),
    path("privacy/", include("privacy.urls")),
    prefix_default_language=True,
)

handler400 = "strongcities.views.bad_request"
handler403 = "strongcities.views.permission_denied"
handler404 = "strongcities.views.page_not_found"
handler500 = "strongcities.views.server_error"
# Also what allauth answers when its own limits (sign-in, password reset) are reached.
handler429 = "strongcities.ops_views.too_many_requests"
