from django.urls import path

from apps.documents.api import views

urlpatterns = [
    path(
        "cases/<int:case_id>/documents/",
        views.CaseDocumentsView.as_view(),
        name="case-documents",
    ),
    path(
        "training/sessions/<int:session_id>/documents/",
        views.SessionDocumentsView.as_view(),
        name="session-documents",
    ),
    path("documents/<int:pk>/pdf/", views.DocumentPDFView.as_view(), name="document-pdf"),
]
