from django.urls import path

from apps.training import (
    attendance_views,
    kiosk_views,
    participant_views,
    pledge_views,
    views,
)

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="session-list"),
    path("sesi/baru/", views.session_create, name="session-create"),
    path("sesi/<int:pk>/", views.session_detail, name="session-detail"),
    path("sesi/<int:pk>/ubah/", views.session_update, name="session-update"),
    path(
        "sesi/<int:pk>/peserta/tambah/", participant_views.registration_add, name="registration-add"
    ),
    path(
        "sesi/<int:pk>/peserta/impor/",
        participant_views.registration_import,
        name="registration-import",
    ),
    path(
        "sesi/<int:pk>/peserta/impor/<int:job>/",
        participant_views.registration_import_status,
        name="registration-import-status",
    ),
    path("sesi/<int:pk>/daftar-hadir/", attendance_views.attendance_sheet, name="attendance-sheet"),
    path(
        "sesi/<int:pk>/daftar-hadir/unduh/",
        attendance_views.attendance_export,
        name="attendance-export",
    ),
    path("sesi/<int:pk>/hadir-kertas/", attendance_views.attendance_paper, name="attendance-paper"),
    path("sesi/<int:pk>/kios/", attendance_views.kiosk, name="kiosk"),
    path("sesi/<int:pk>/undangan/", pledge_views.invitations, name="invitations"),
    path("sesi/<int:pk>/kios/tautan/", kiosk_views.kiosk_links, name="kiosk-links"),
    path("kios/<str:secret>/", kiosk_views.kiosk_app, name="kiosk-app"),
    path("kios/<str:secret>/data.json", kiosk_views.kiosk_data, name="kiosk-data"),
    path("kios/<str:secret>/kirim/", kiosk_views.kiosk_sync, name="kiosk-sync"),
    path("kios/<str:secret>/batal/", kiosk_views.kiosk_undo, name="kiosk-undo"),
    path("kios/<str:secret>/sw.js", kiosk_views.kiosk_worker, name="kiosk-worker"),
    path("sesi/<int:pk>/pakta/", pledge_views.session_pledges, name="session-pledges"),
    path(
        "sesi/<int:pk>/peserta/<int:registration>/batalkan-hadir/",
        attendance_views.attendance_void,
        name="attendance-void",
    ),
    path("pakta/", pledge_views.pledge_list, name="pledge-list"),
    path("pakta/<int:pk>/batalkan/", pledge_views.pledge_void, name="pledge-void"),
    path("pakta/<int:pk>/dokumen/", pledge_views.pledge_document, name="pledge-document"),
    path("asn/", participant_views.nip_lookup, name="nip-lookup"),
    path("contoh-peserta.csv", participant_views.import_template, name="import-template"),
]
