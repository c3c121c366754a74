from django.urls import path

from apps.core import report_pages

app_name = "reports"

urlpatterns = [
    path("", report_pages.index, name="index"),
    path("kasus/", report_pages.case_report, name="cases"),
    path("batas-waktu/", report_pages.deadline_report, name="deadlines"),
    path("sosialisasi/", report_pages.training_report, name="training"),
]
