from django.urls import include, path

urlpatterns = [
    path("personnel/", include("apps.personnel.api.urls")),
    path("", include("apps.cases.api.urls")),
    path("", include("apps.notifications.api.urls")),
    path("", include("apps.core.api.export_job_urls")),
]
