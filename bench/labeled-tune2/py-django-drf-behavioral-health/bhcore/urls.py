from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from clinic.views import ClientViewSet, EligibilityView, IntakeUploadView, SessionNoteView

router = DefaultRouter()
router.register("clients", ClientViewSet, basename="client")

urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/token/refresh/", TokenRefreshView.as_view()),
    path("api/", include(router.urls)),
    path("api/clients/<int:client_pk>/notes/", SessionNoteView.as_view()),
    path("api/clients/<int:client_pk>/intake/", IntakeUploadView.as_view()),
    path("api/clients/<int:client_pk>/eligibility/", EligibilityView.as_view()),
]
