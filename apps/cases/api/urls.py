from django.urls import path

from apps.cases.api import record_views, report_views, views

app_name = "cases-api"

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case-detail"),
    path(
        "cases/<int:pk>/transitions/",
        views.CaseTransitionView.as_view(),
        name="case-transitions",
    ),
    path("cases/<int:pk>/evidence/", record_views.CaseEvidenceView.as_view(), name="case-evidence"),
    path(
        "cases/<int:pk>/evidence/<int:evidence_id>/download/",
        record_views.CaseEvidenceDownloadView.as_view(),
        name="case-evidence-download",
    ),
    path(
        "cases/<int:pk>/evidence/<int:evidence_id>/withdraw/",
        record_views.CaseEvidenceWithdrawView.as_view(),
        name="case-evidence-withdraw",
    ),
    path(
        "cases/<int:pk>/follow-ups/",
        record_views.CaseFollowUpView.as_view(),
        name="case-follow-ups",
    ),
    path("reports/cases/", report_views.CaseReportView.as_view(), name="report-cases"),
    path("reports/deadlines/", report_views.DeadlineReportView.as_view(), name="report-deadlines"),
]
