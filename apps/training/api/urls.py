from rest_framework.routers import SimpleRouter

from apps.training.api import views

router = SimpleRouter()
router.register("sessions", views.SessionViewSet, basename="training-session")
router.register("pledges", views.PledgeViewSet, basename="training-pledge")

urlpatterns = router.urls
