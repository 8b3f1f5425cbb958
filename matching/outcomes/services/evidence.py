"""Store checked evidence as Wagtail images and documents. Check everything first, write after."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from matching import uploads
from matching.outcomes.models import Evidence
from matching.uploads import Upload


def evidence_check(*, photos: list[Upload], documents: list[Upload]) -> list[tuple[uploads.CleanFile, str]]:
    """Every file checked and cleaned; the first refused file raises ValidationError, nothing stored."""
    cleaned = []
    for p in photos:
        cleaned.append(
            (
                uploads.clean_photo(
                    name=p.name,
                    data=p.content,
                    max_bytes=settings.OUTCOMES_IMAGE_MAX_BYTES,
                    max_edge=settings.OUTCOMES_IMAGE_MAX_EDGE,
                ),
                p.caption,
            )
        )
    for d in documents:
        cleaned.append(
            (uploads.clean_pdf(name=d.name, data=d.content, max_bytes=settings.OUTCOMES_DOCUMENT_MAX_BYTES), d.caption)
        )
    return cleaned


def evidence_store(
    *, cleaned: list[tuple[uploads.CleanFile, str]], title: str, user=None, report=None, delivery=None
) -> list[Evidence]:
    """Write cleaned files into Wagtail's image/document models and link them. Call inside a transaction."""
    Image, Document = get_image_model(), get_document_model()
    stored = []
    for clean, caption in cleaned:
        label = (caption or title)[:200]
        if clean.kind == "photo":
            image = Image(
                title=label, uploaded_by_user=user, file=ImageFile(io.BytesIO(clean.content), name=clean.name)
            )
            image.save()
            item = Evidence(kind=Evidence.Kind.PHOTO, image=image, caption=caption[:200])
        else:
            doc = Document(title=label, uploaded_by_user=user)
            doc.file.save(clean.name, ContentFile(clean.content), save=False)
            doc.save()
            item = Evidence(kind=Evidence.Kind.DOCUMENT, document=doc, caption=caption[:200])
        item.report, item.delivery = report, delivery
        item.full_clean()
        item.save()
        stored.append(item)
    return stored
