from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("feed.ics", views.public_feed, name="public-feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="personal-feed"),
    path("mine/", views.my_registrations, name="my-registrations"),
    path("<slug:slug>/", views.event_detail, name="event-detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="event-ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/certificate/", views.certificate, name="certificate"),
    path("<slug:slug>/guest/<str:token>/", views.guest_register, name="guest-register"),
    path(
        "<slug:slug>/my-registration/<str:token>/",
        views.guest_registration,
        name="guest-registration",
    ),
    path(
        "<slug:slug>/my-registration/<str:token>/certificate.pdf",
        views.guest_certificate,
        name="guest-certificate",
    ),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants.csv", views.participants_csv, name="participants-csv"),
    path("<slug:slug>/registrations/<int:pk>/cancel/", views.cancel, name="registration-cancel"),
    path(
        "<slug:slug>/registrations/<int:pk>/status/",
        views.registration_action,
        name="registration-action",
    ),
    path(
        "<slug:slug>/registrations/<int:pk>/certificate.pdf",
        views.registration_certificate,
        name="registration-certificate",
    ),
]
