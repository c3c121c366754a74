"""The facts of each document type: one builder per type, keyed by :class:`DocumentType`."""

from apps.documents.content import decision, handling, notices, sessions
from apps.documents.models import DocumentType

CASE_BUILDERS = {
    DocumentType.RECEIPT: notices.receipt,
    DocumentType.STATUS_NOTICE: notices.status_notice,
    DocumentType.STATUS_NOTICE_PUBLIC: notices.status_notice_public,
    DocumentType.SUMMONS: handling.summons,
    DocumentType.MINUTES: handling.minutes,
    DocumentType.REVIEW: decision.review,
    DocumentType.FORWARDING_LETTER: decision.forwarding_letter,
}
SESSION_BUILDERS = {
    DocumentType.ATTENDANCE_LIST: sessions.attendance_list,
    DocumentType.PLEDGE_FORMS: sessions.pledge_forms,
}
