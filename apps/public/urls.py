from django.urls import path

from apps.public import views

app_name = "public"

urlpatterns = [
    path("lacak/", views.track, name="track"),
    path("papan-pengumuman/", views.notice_board, name="notice-board"),
    path("papan-pengumuman/rss/", views.NoticeFeed(), name="notice-feed"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("statistik/statistik.csv", views.statistics_csv, name="statistics-csv"),
]
