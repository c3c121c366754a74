from django.urls import path

from apps.documents import views

app_name = "documents"

urlpatterns = [
    path("verifikasi/", views.verify_start, name="verify-start"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
    path("dokumen/<int:pk>/pdf/", views.download, name="download"),
    path(
        "dokumen/kasus/<int:pk>/terbitkan/<str:document_type>/",
        views.case_issue,
        name="case-issue",
    ),
    path(
        "dokumen/sesi/<int:pk>/terbitkan/<str:document_type>/",
        views.session_issue,
        name="session-issue",
    ),
]
