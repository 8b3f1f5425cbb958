"""Documents behind money (grant files, receipts, agreements): checked by content, stored as Wagtail documents.

A money operation and its document are written together: `document_attach_and` stores the document and
runs the operation in one transaction; if the operation refuses, the document row is rolled back and its
file removed, so bad input leaves nothing behind.

The stored file name is random, not the sender's: a sender's name may name a person (a household's signed
receipt). Money documents live in the private collection 资金凭证: Wagtail's own /documents/ view serves them
to superusers only, and everyone else downloads them through /funding/documents/<id>/, which asks
`permissions.money_document_visible` whether this person deals with that money.
"""

import secrets
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from matching import uploads
from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.uploads import Upload

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MONEY_COLLECTION_NAME = "资金凭证"


def money_collection_ensure() -> Collection:
    """The private collection of money documents, created on first use (a data migration creates it on an
    existing database). It carries a "groups" view restriction naming no group, which Wagtail's document view
    lets only superusers pass: no login, shared password or group opens a household's receipt there.
    """
    with transaction.atomic():
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.get_children().filter(name=MONEY_COLLECTION_NAME).first()
        if collection is None:
            # Two first uploads at once must not make two collections: the second waits here, then finds it.
            Collection.objects.select_for_update().get(pk=root.pk)
            collection = root.get_children().filter(name=MONEY_COLLECTION_NAME).first() or Collection.objects.get(
                pk=root.pk
            ).add_child(name=MONEY_COLLECTION_NAME)
        superusers_only = CollectionViewRestriction.objects.filter(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS, groups__isnull=True
        )
        if not superusers_only.exists():
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
    return collection


def money_document_protect(*, document) -> None:
    """Put a document that now backs money into the private collection (services call this for every
    document they attach, whoever stored it)."""
    collection = money_collection_ensure()
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])


def money_document_check(upload: Upload | None, *, field: str = "document") -> uploads.CleanFile:
    """A PDF, or a JPEG/PNG scan (re-encoded without metadata). Raises ValidationError on the named field."""
    if upload is None:
        raise refusal("请上传凭证文件（PDF 或 JPEG、PNG 扫描件）", FundingErrorCode.DOCUMENT_REQUIRED, field=field)
    try:
        if uploads.sniff_type(upload.content[:16]) == uploads.PDF:
            return uploads.clean_pdf(name=upload.name, data=upload.content, max_bytes=MAX_DOCUMENT_BYTES)
        return uploads.clean_photo(name=upload.name, data=upload.content, max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as exc:
        refused = [
            refusal(f"{m}；凭证只接受 PDF 或 JPEG、PNG 扫描件", FundingErrorCode.DOCUMENT_NOT_ACCEPTED)
            for m in exc.messages
        ]
        raise ValidationError({field: refused}) from None


def stored_name(clean_name: str) -> str:
    extension = clean_name.rsplit(".", 1)[-1] if "." in clean_name else "bin"
    return f"money-{secrets.token_hex(12)}.{extension}"


def document_attach_and(*, upload: Upload | None, title: str, user, operation: Callable, field: str = "document"):
    """Check the upload, store it, and call ``operation(document)`` in one transaction; return its result."""
    clean = money_document_check(upload, field=field)
    Document = get_document_model()
    doc = Document(title=title[:255], uploaded_by_user=user if user and user.is_authenticated else None)
    try:
        with transaction.atomic():
            doc.collection = money_collection_ensure()
            doc.file.save(stored_name(clean.name), ContentFile(clean.content), save=False)
            doc.save()
            return operation(doc)
    except BaseException:
        if doc.file.name:
            doc.file.storage.delete(doc.file.name)
        raise
