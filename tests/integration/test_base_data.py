import pytest

from matching.models import Category, Region
from matching.services.bootstrap import base_data_ensure, base_data_present


@pytest.mark.django_db(transaction=True)
def test_base_data_survives_a_flush_and_a_need_can_be_published_after_it():
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("flush", "--no-input", verbosity=0)
    assert not base_data_present()

    base_data_ensure()
    base_data_ensure()  # idempotent

    assert Region.objects.count() > 3000 and Category.objects.count() == 13
    assert Site.objects.get().root_page.specific.__class__.__name__ == "HomePage"
    from wagtail.models import Collection

    assert Collection.get_first_root_node() is not None  # documents and images need it
    from tests.factories import make_need

    need = make_need(county="360321")
    assert need.live and need.get_workflow().name == "需求审核"
