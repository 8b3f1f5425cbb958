"""factory_boy factories for the models tests build most: users, staff (through the staff service, so their
permissions are the real ones), organisations, memberships, projects, volunteers, matches and sign-ups; needs
are real Wagtail pages made by `make_need`. Regions come from the shipped dataset (load_regions)."""

import datetime

import factory
from django.contrib.auth import get_user_model

from matching.models import Match, Membership, Organisation, Project, Region, Volunteer
from matching.uscc import uscc_check_char

_ALPHANUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(n: int, region_code: str = "360300") -> str:
    body = f"52{region_code}MJ{n:07d}"[:16]
    body = body + _ALPHANUM[n % 31]
    return body + uscc_check_char(body)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("demo-pass-123")

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):
        """Accounts sign in only with a verified e-mail (allauth); pass email_verified=False for one that has not."""
        if create and obj.email and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email.lower(), defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    """A civil-affairs staff member of a region (default 莲花县) in a role (default officer): created by
    `staff_user_add`, the service the admin and the demo use, so the groups and permissions are the real ones."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")

    @classmethod
    def _create(cls, model_class, *args, region_code: str = "360321", role: str = "officer", **kwargs):
        from matching.services.staff import staff_user_add

        return staff_user_add(
            username=kwargs["username"],
            password="demo-pass-123",
            region=region(region_code),
            role=role,
            email=kwargs.get("email", ""),
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"org-t{n:04d}")
    name = factory.Sequence(lambda n: f"测试社会组织{n}")
    uscc = factory.Sequence(lambda n: make_uscc(n))
    org_type = "social_service_agency"
    status = Organisation.Status.VERIFIED

    @factory.post_generation
    def service_regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_regions.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ADMIN


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"prj-t{n:05d}")
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"农村敬老院适老化改造{n}")
    summary = "为敬老院改造卫浴、加装扶手"
    description = "项目为县级以下敬老院改造卫浴、加装扶手与呼叫系统。"
    budget_available = 30_000_000
    volunteer_slots = 5
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2028, 12, 31)
    status = Project.Status.ACTIVE

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            self.categories.set(extracted if extracted is not None else ["elderly_care"])

    @factory.post_generation
    def service_regions(self, create, extracted, **kwargs):
        if create:
            self.service_regions.set(extracted if extracted is not None else ["360300"])

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"vol-t{n:04d}")
    display_name = factory.Sequence(lambda n: f"志愿者{n}")
    hours_per_month = 16

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create:
            self.skills.set(extracted if extracted is not None else ["teaching"])

    @factory.post_generation
    def service_regions(self, create, extracted, **kwargs):
        if create:
            self.service_regions.set(extracted if extracted is not None else ["360300"])


def make_need(
    *,
    county: str = "360321",
    title: str = "莲花县某乡敬老院卫浴改造",
    categories=("elderly_care",),
    status: str = "open",
    ref: str = "",
    user=None,
    **extra,
):
    """Create a published need through the same service the admin and the importer use."""
    from matching.services.needs import NeedFields, need_create

    fields = NeedFields(
        title=title,
        description=extra.pop("description", "<p>敬老院卫生间没有扶手，老人洗澡不便。</p>"),
        categories=list(categories),
        status=status,
        **extra,
    )
    return need_create(county=region(county), fields=fields, ref=ref, user=user)


def make_document(*, title: str, filename: str, content: bytes):
    """A Wagtail document with the given file contents (grant files, receipts)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    doc = get_document_model()(title=title)
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


class MatchFactory(factory.django.DjangoModelFactory):
    """A match between a need (pass one: needs are pages, see make_need) and a project or a volunteer."""

    class Meta:
        model = Match

    project = factory.SubFactory(ProjectFactory)
    status = Match.Status.PROPOSED


class VolunteerSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.VolunteerSignup"

    project = factory.SubFactory(ProjectFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
