"""Indicators in the admin: translated names in tabs, yearly targets, values by hand."""

import pytest

from steering.models import Indicator

ADD_INDICATOR = "/admin/steering/indicator/add/"


def indicator_form(**extra):
    return {
        "code": "officials-trained",
        "name_en": "Local officials trained",
        "name_fr": "Responsables locaux formés",
        "name_ar": "المسؤولون المحليون الذين تم تدريبهم",
        "description_en": "",
        "description_fr": "",
        "description_ar": "",
        "unit": "number",
        "rule": "manual",
        "sort_order": "1",
        "is_active": "on",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-year": "2026",
        "targets-0-target": "150",
        "values-TOTAL_FORMS": "1",
        "values-INITIAL_FORMS": "0",
        "values-0-year": "2025",
        "values-0-value": "134",
        "values-0-source": "Attendance sheets",
        **extra,
    }


@pytest.mark.django_db
def test_management_unit_defines_an_indicator_with_a_target_and_a_value(network, client_as):
    staff = network.users["mu"]
    client = client_as(staff)
    page = client.get(ADD_INDICATOR).content.decode()
    for field in ("name_ar", "name_en", "name_fr", "targets-0-target", "values-0-source"):
        assert f'name="{field}"' in page
    response = client.post(ADD_INDICATOR, indicator_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = Indicator.objects.get(code="officials-trained")
    assert indicator.name_ar == "المسؤولون المحليون الذين تم تدريبهم"
    assert indicator.targets.get(year=2026).target == 150
    value = indicator.values.get(year=2025)
    assert value.value == 134 and value.source == "Attendance sheets"
    assert value.entered_by == staff


@pytest.mark.django_db
def test_a_value_without_its_source_is_refused(network, client_as):
    client = client_as(network.users["mu"])
    response = client.post(ADD_INDICATOR, indicator_form(**{"values-0-source": ""}))
    assert response.status_code == 200
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("role", ["focal_a", "hub_a", "committee"])
@pytest.mark.django_db
def test_people_outside_the_management_unit_cannot_define_indicators(network, client_as, role):
    response = client_as(network.users[role]).get(ADD_INDICATOR)
    assert response.status_code == 403
