from django.urls import path

from apps.public.api import reference, views

public = [
    path("public/track/", views.TrackView.as_view(), name="public-track"),
    path("public/notices/", views.NoticeBoardView.as_view(), name="public-notices"),
    path("public/statistics/", views.StatisticsView.as_view(), name="public-statistics"),
]

reference_urls = [
    path("reference/elections/", reference.ElectionListView.as_view(), name="reference-elections"),
    path(
        "reference/violation-forms/",
        reference.ViolationFormListView.as_view(),
        name="reference-violation-forms",
    ),
    path(
        "reference/sanction-types/",
        reference.SanctionTypeListView.as_view(),
        name="reference-sanction-types",
    ),
    path(
        "reference/recipients/", reference.RecipientListView.as_view(), name="reference-recipients"
    ),
    path("reference/regions/", reference.RegionListView.as_view(), name="reference-regions"),
    path("reference/agencies/", reference.AgencyListView.as_view(), name="reference-agencies"),
]

urlpatterns = public + reference_urls
