"""Documents behind money move into the private collection 资金凭证.

Until now grant files, pledge agreements, receipts and advance paperwork sat in Wagtail's root collection, which
its /documents/ view serves to anyone with the link. The collection gets a "groups" view restriction naming no
group (Wagtail then serves its documents to superusers only); everyone else downloads through
/funding/documents/<id>/. `services.documents.money_collection_ensure` makes the same collection on a database
where it went missing.
"""
from django.db import migrations
from django.db.models import Q

MONEY_COLLECTION_NAME = "资金凭证"
# django-treebeard's materialised path: four characters a level, in this alphabet (Collection keeps the defaults).
STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def path_step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP_LENGTH, "0")


def money_collection(apps):
    """The 资金凭证 collection under the root, with its superusers-only restriction (made when missing)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    collection = children.filter(name=MONEY_COLLECTION_NAME).first()
    if collection is None:
        last = children.order_by("-path").first()
        number = int(last.path[-STEP_LENGTH:], len(ALPHABET)) + 1 if last else 1
        collection = Collection.objects.create(name=MONEY_COLLECTION_NAME, depth=2, numchild=0,
                                               path=root.path + path_step(number))
        Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    if not Restriction.objects.filter(collection=collection, restriction_type="groups", groups__isnull=True).exists():
        Restriction.objects.create(collection=collection, restriction_type="groups")
    return collection


def money_documents_make_private(apps, schema_editor=None) -> int:
    """Move every document a grant, pledge or disbursement points at into 资金凭证; return how many moved."""
    Document = apps.get_model("wagtaildocs", "Document")
    Grant, Pledge, Disbursement = (apps.get_model("funding", name) for name in ("Grant", "Pledge", "Disbursement"))
    collection = money_collection(apps)
    if collection is None:  # no root collection means no documents either
        return 0
    backing_money = (Q(pk__in=Grant.objects.values("document_id"))
                     | Q(pk__in=Pledge.objects.filter(commitment_document__isnull=False)
                         .values("commitment_document_id"))
                     | Q(pk__in=Disbursement.objects.filter(receipt__isnull=False).values("receipt_id")))
    return Document.objects.filter(backing_money).exclude(collection=collection).update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_balanced_transaction_trigger"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    # Backwards leaves the documents where they are: putting them back in the public root would publish them.
    operations = [migrations.RunPython(money_documents_make_private, migrations.RunPython.noop)]
