from django.urls import path

from apps.cases import views

app_name = "cases"

urlpatterns = [
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
