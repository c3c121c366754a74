from django.urls import include, path
from rest_framework.routers import SimpleRouter

from apps.core.api.tokens import ApiTokenViewSet
from apps.training.api.views import TrainingCoverageExportView, TrainingCoverageView

tokens = SimpleRouter()
tokens.register("tokens", ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("training/", include("apps.training.api.urls")),  # the door's check-ins: first
    path("", include("apps.documents.api.urls")),
    path("personnel/", include("apps.personnel.api.urls")),
    path(
        "reports/training-coverage/",
        TrainingCoverageView.as_view(),
        name="report-training-coverage",
    ),
    path(
        "reports/training-coverage/export/",
        TrainingCoverageExportView.as_view(),
        name="report-training-coverage-export",
    ),
    path("", include("apps.cases.api.urls")),
    path("", include("apps.notifications.api.urls")),
    path("", include("apps.core.api.export_job_urls")),
    path("", include("apps.public.api.urls")),
    *tokens.urls,
]
