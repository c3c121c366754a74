from rest_framework.routers import SimpleRouter

from apps.core.api.export_jobs import ExportJobViewSet

router = SimpleRouter()
router.register("exports", ExportJobViewSet, basename="export-job")

urlpatterns = router.urls
