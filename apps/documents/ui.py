"""What the case and session pages show of documents: per type, the versions the user may
download and whether they may issue one. The pages include ``documents/_panel.html``."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from apps.documents.models import DocumentType, IssuedDocument

ISSUE_LABELS = {
    DocumentType.RECEIPT: "Terbitkan tanda terima",
    DocumentType.STATUS_NOTICE: "Terbitkan pemberitahuan status",
    DocumentType.STATUS_NOTICE_PUBLIC: "Terbitkan pengumuman status",
    DocumentType.SUMMONS: "Terbitkan undangan klarifikasi",
    DocumentType.MINUTES: "Terbitkan berita acara",
    DocumentType.REVIEW: "Terbitkan kajian",
    DocumentType.FORWARDING_LETTER: "Terbitkan surat penerusan",
    DocumentType.ATTENDANCE_LIST: "Terbitkan daftar hadir",
    DocumentType.PLEDGE_FORMS: "Terbitkan formulir pakta integritas",
}


@dataclass
class TypeRow:
    document_type: str
    label: str
    issue_label: str
    issue_url: str = ""  # empty: the user may not issue it now
    has_form: bool = False  # issuing asks for inputs on a page of its own (a link, not a POST)
    documents: list[IssuedDocument] = field(default_factory=list)

    @property
    def latest(self) -> IssuedDocument | None:
        return self.documents[0] if self.documents else None


def panel_rows(
    documents, *, readable: set[str], issuable: dict[str, str], with_form=frozenset()
) -> list[TypeRow]:
    """One row per document type the user may read or issue; ``issuable`` maps a type to the
    URL its button posts to (a link to a form for the types in ``with_form``). Documents come
    newest version first."""
    by_type = defaultdict(list)
    for document in documents:
        if document.document_type in readable:
            document.download_url = reverse("documents:download", args=[document.pk])
            by_type[document.document_type].append(document)
    rows = []
    for value, label in DocumentType.choices:
        if value not in readable and value not in issuable:
            continue
        row = TypeRow(value, str(label), ISSUE_LABELS[value], issuable.get(value, ""))
        row.has_form = value in with_form
        row.documents = sorted(by_type[value], key=lambda d: (-d.issued_at.timestamp(), -d.pk))
        rows.append(row)
    return rows
