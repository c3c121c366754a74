"""One format for every time shown (issue 17): ``12-11-2024 23.59 WITA``, as
``apps.core.formatting.wita`` writes it. Times are shown in TIME_ZONE (Asia/Makassar, WITA).
Dates and everything else keep Django's Indonesian formats."""

DATETIME_FORMAT = r"d-m-Y H.i \W\I\T\A"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
