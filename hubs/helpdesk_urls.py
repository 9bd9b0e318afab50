from django.urls import path

from hubs import exchange_views, support_views
from hubs import helpdesk_views as views

app_name = "helpdesk"
urlpatterns = [
    path("", views.ticket_list, name="ticket-list"),
    path("new/", views.ticket_new, name="ticket-new"),
    path("support-fund/", support_views.fund_list, name="fund-list"),
    path("support-fund/new/", support_views.fund_new, name="fund-new"),
    path("support-fund/<int:pk>/", support_views.fund_detail, name="fund-detail"),
    path("exchanges/", exchange_views.exchange_list, name="exchange-list"),
    path("exchanges/new/", exchange_views.exchange_new, name="exchange-new"),
    path("exchanges/<int:pk>/", exchange_views.exchange_detail, name="exchange-detail"),
    path("<str:reference>/", views.ticket_detail, name="ticket-detail"),
    path(
        "<str:reference>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
]
