from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.core import views as core_views
from apps.core.health import healthz

handler500 = "apps.core.views.server_error"

api_v1 = [
    path("", include("apps.core.api.urls")),
]

urlpatterns = [
    # The API first: its requests (the kiosk's check-ins among them) are resolved without trying
    # every page's pattern; no other pattern starts with api/v1/.
    path("api/v1/", include(api_v1)),
    path("", core_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("training/", include("apps.training.urls", namespace="training")),
    path("cases/", include("apps.cases.urls")),
    path("laporan/", include("apps.core.report_urls", namespace="reports")),
    path("", include("apps.documents.urls")),
    path("", include("apps.public.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

handler404 = "apps.core.api.errors.page_not_found"
