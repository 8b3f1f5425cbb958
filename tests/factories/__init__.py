"""factory_boy factories for the models tests build: users, staff (through the staff service, so their
permissions are the real ones), organisations, memberships, projects, volunteers, matches, sign-ups, hours,
availability, interest declarations, notification preferences, beneficiary records, progress reports,
donations (pending, as the donation page leaves them) and need pages (`NeedPageFactory`, wagtail-factories'
PageFactory: a page in the tree, unpublished). A published need with its revision and response log is made by
`make_need`, through the service the admin and the importer use. Regions come from the shipped dataset
(load_regions): `RegionFactory` returns the dataset's region. Money that moves (grants, disbursements,
confirmations, spending lines) goes through the funding services, so the ledger stays balanced:
`tests.factories.spending`. Not covered by a factory, made by their services where a test needs them: the
ledger (accounts, transactions), payment events, pledges, evidence, deliveries, milestones, intake reports
and referrals, invitations, standing profiles and alerts, API tokens, staff scopes, registration
certificates, and the kept figures and outbox rows the system derives."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from matching.funding.models import Donation
from matching.models import (
    BeneficiaryRecord,
    InterestDeclaration,
    Match,
    Membership,
    NeedPage,
    Organisation,
    Project,
    Region,
    Volunteer,
)
from matching.notifications.models import NotificationPreference
from matching.outcomes.models import ProgressReport
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
        model = "matching.VolunteerSignup"

    project = factory.SubFactory(ProjectFactory)
    volunteer = factory.SubFactory(VolunteerFactory)


class RegionFactory(factory.django.DjangoModelFactory):
    """The shipped dataset's region of ``code`` (default 莲花县); regions are not invented in tests."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "360321"


class NeedPageFactory(wagtail_factories.PageFactory):
    """A need page put in the tree under its county's page, not live, with no revision or response log:
    for tests about the page itself. `make_need` publishes one through `need_create`."""

    class Meta:
        model = NeedPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"莲花县敬老院卫浴改造{n}")
    ref = factory.Sequence(lambda n: f"need-f{n:05d}")
    slug = factory.LazyAttribute(lambda o: o.ref)
    live = False
    county = factory.LazyFunction(lambda: region("360321"))
    description = "<p>敬老院卫生间没有扶手，老人洗澡不便。</p>"
    parent = factory.LazyAttribute(lambda o: _county_page(o.county))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            self.categories.set(extracted if extracted is not None else ["elderly_care"])
            self.save()  # a page's many-to-many (ParentalManyToManyField) is written by its save


def _county_page(county: Region):
    from matching.services.regions import region_page_ensure

    return region_page_ensure(region=county)


class BeneficiaryRecordFactory(factory.django.DjangoModelFactory):
    """A beneficiary's private record on a need (pass ``need``); the values are what the privacy tests
    look for everywhere public."""

    class Meta:
        model = BeneficiaryRecord

    full_name = "欧阳秀兰"
    id_number = "360321195203041827"
    phone = "13979912345"
    health_notes = ""


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A project's quarterly report, written as a row (``report_file`` is the service with evidence)."""

    class Meta:
        model = ProgressReport

    project = factory.SubFactory(ProjectFactory)
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 3, 31)
    narrative = factory.Sequence(lambda n: f"本期完成入户走访{n}")


class DonationFactory(factory.django.DjangoModelFactory):
    """A donation as the donation page records it before the payment succeeds (pending, no ledger line):
    ``donation_record_payment`` then books it."""

    class Meta:
        model = Donation

    project = factory.SubFactory(ProjectFactory)
    amount = 10_000
    provider = "test"
    provider_payment_id = factory.Sequence(lambda n: f"pay-f{n}")
    donor_name = "测试"


class InterestDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestDeclaration

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = "donor"
    reason = "本人每年向该组织捐款"


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    delivery = NotificationPreference.Delivery.DAILY_DIGEST


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.HoursEntry"

    signup = factory.SubFactory(VolunteerSignupFactory, status="approved")
    served_on = datetime.date(2026, 3, 7)
    hours = "2.5"
    description = "陪老人聊天"


class VolunteerAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.VolunteerAvailability"

    volunteer = factory.SubFactory(VolunteerFactory)
    weekends = True
