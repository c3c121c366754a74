from django.urls import path

from apps.cases.api import lifecycle_views as lv
from apps.cases.api import record_views, report_views, views

app_name = "cases-api"

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/export/", views.CaseExportView.as_view(), name="case-export"),
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
    path(
        "cases/<int:pk>/bkn-recommendation/",
        lv.BknRecommendationView.as_view(),
        name="case-bkn-recommendation",
    ),
    path("cases/<int:pk>/objections/", lv.ObjectionListView.as_view(), name="case-objections"),
    path(
        "cases/<int:pk>/objections/<int:objection_id>/decision/",
        lv.ObjectionDecisionView.as_view(),
        name="case-objection-decision",
    ),
    path(
        "cases/<int:pk>/respondents/<int:respondent_id>/block/",
        lv.BlockRequestView.as_view(),
        name="case-block-request",
    ),
    path(
        "cases/<int:pk>/respondents/<int:respondent_id>/block/update/",
        lv.BlockUpdateView.as_view(),
        name="case-block-update",
    ),
    path("cases/<int:pk>/gakkumdu/", lv.GakkumduReferralView.as_view(), name="case-gakkumdu"),
    path(
        "cases/<int:pk>/gakkumdu/progress/",
        lv.GakkumduProgressView.as_view(),
        name="case-gakkumdu-progress",
    ),
    path("reports/cases/", report_views.CaseReportView.as_view(), name="report-cases"),
    path(
        "reports/cases/export/",
        report_views.CaseReportExportView.as_view(),
        name="report-cases-export",
    ),
    path("reports/deadlines/", report_views.DeadlineReportView.as_view(), name="report-deadlines"),
    path(
        "reports/deadlines/export/",
        report_views.DeadlineReportExportView.as_view(),
        name="report-deadlines-export",
    ),
]
