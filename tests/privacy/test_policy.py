"""The privacy page: public, in three languages, saying what, why, how long and whom to
ask, and linked from every page's footer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_the_privacy_page_is_public_in_each_language(client, language, settings):
    settings.AUDIT_RETENTION_DAYS = 1000
    settings.HELPDESK_TEXT_RETENTION_DAYS = 500
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html and ('dir="rtl"' in html) == (language == "ar")
    assert settings.PRIVACY_CONTACT_EMAIL in html
    # the retention periods shown are the ones in force
    assert "1000" in html and "500" in html


def test_the_footer_links_to_it(client):
    assert reverse("privacy:policy") in client.get(reverse("home")).content.decode()


def test_signed_in_people_get_a_link_to_their_data(client, network):
    client.force_login(network.users["focal_a"])
    assert reverse("privacy:my-data") in client.get(reverse("privacy:policy")).content.decode()
