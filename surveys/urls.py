from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.my_surveys, name="my-surveys"),
    path("link/<str:token>/", views.personal_link, name="personal-link"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/city/<int:city_id>/", views.answer, name="answer"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/outbox/", views.outbox, name="outbox"),
    path("manage/outbox/<str:kind>/<int:pk>/resend/", views.resend, name="resend"),
    path("manage/<int:pk>/", views.results, name="results"),
    path("manage/<int:pk>/open/", views.open_view, name="open"),
    path("manage/<int:pk>/close/", views.close_view, name="close"),
    path("manage/<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("manage/<int:pk>/responses/<int:response_id>/", views.response_detail, name="response"),
]
