"""The admin shows the attendance-indicator records under Actions, and never lets anyone edit them."""

import pytest
from django.urls import reverse

from actions.indicator_import import seed_indicators
from actions.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("viewset", ["indicator", "area", "indicatorimport"])
def test_site_admin_can_list_indicator_records(admin_client, viewset):
    seed_indicators()

    response = admin_client.get(reverse(f"{viewset}:index"))

    assert response.status_code == 200


def test_site_admin_can_open_an_indicator_but_not_edit_or_add_one(admin_client):
    indicator = seed_indicators()["persistent_absence"]

    assert b"Persistent absence (10%+)" in admin_client.get(reverse("indicator:inspect", args=[indicator.pk])).content
    assert admin_client.get(reverse("indicator:edit", args=[indicator.pk])).status_code in (302, 403)
    assert admin_client.get(reverse("indicator:add")).status_code in (302, 403)
    assert Indicator.objects.count() == 6
