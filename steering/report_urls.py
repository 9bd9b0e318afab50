"""The Management Unit's annual report, under /<lang>/dashboard/report/."""

from django.urls import path

from steering import report_views as views

app_name = "report"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<int:year>/", views.annual_report, name="annual"),
    path("<int:year>/tables.zip", views.report_tables, name="tables"),
    path("<int:year>/report.pdf", views.report_pdf, name="pdf"),
]
