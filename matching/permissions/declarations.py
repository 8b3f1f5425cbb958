"""Who sees declarations of interest and the record of decisions: staff of the region concerned, never the public.

A declaration is seen by its author (the portal page) and by staff whose region the organisation is registered in
or serves; a decision record by staff whose scope covers the region it was taken for (the need's county, or the
organisation's registration region for vetting).
"""

from django.db.models import QuerySet

from matching.models import DecisionRecord, InterestDeclaration
from matching.permissions.organisations import organisations_for_staff
from matching.permissions.scope import filter_to_scope, is_civil_staff, region_scope_q


def can_view_interest_report(user) -> bool:
    return is_civil_staff(user)


def declarations_for_staff(user) -> QuerySet[InterestDeclaration]:
    if not is_civil_staff(user):
        return InterestDeclaration.objects.none()
    return InterestDeclaration.objects.filter(organisation__in=organisations_for_staff(user).values("pk"))


def decisions_for_staff(user) -> QuerySet[DecisionRecord]:
    if not is_civil_staff(user):
        return DecisionRecord.objects.none()
    return filter_to_scope(DecisionRecord.objects.all(), region_scope_q(user, "region_code"))
