from django.urls import path

from apps.personnel.api import views

app_name = "personnel-api"

urlpatterns = [
    path("civil-servants/", views.CivilServantListView.as_view(), name="civil-servant-list"),
    path(
        "civil-servants/export/",
        views.CivilServantExportView.as_view(),
        name="civil-servant-export",
    ),
    path(
        "civil-servants/<str:nip>/",
        views.CivilServantDetailView.as_view(),
        name="civil-servant-detail",
    ),
    path("imports/", views.PersonnelImportCreateView.as_view(), name="import-create"),
    path("imports/<int:pk>/", views.PersonnelImportDetailView.as_view(), name="import-detail"),
    path(
        "imports/<int:pk>/errors/",
        views.PersonnelImportErrorsView.as_view(),
        name="import-errors",
    ),
    path(
        "imports/<int:pk>/errors/export/",
        views.PersonnelImportErrorsExportView.as_view(),
        name="import-errors-export",
    ),
]
