"""Bad input: scripts, empty titles, wrong or oversized attachments, spotlight rules."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from members.models import City
from resources.models import Resource, ResourceAttachment
from strongcities.uploads import policy
from tests.factories import CityFactory
from tests.resources.conftest import make_resource


@pytest.mark.django_db
def test_a_title_is_needed_in_at_least_one_language():
    resource = Resource(slug="no-title", kind="toolkit")
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "au moins une langue" in str(error.value) or "at least one language" in str(error.value)
    Resource(slug="ar-title", kind="toolkit", title_ar="دليل").full_clean()


@pytest.mark.django_db
def test_script_in_the_body_is_refused_with_a_clear_error():
    resource = Resource(slug="s", kind="toolkit", title_en="T", body_en='<p onclick="x()">Hi</p>')
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "body_en" in error.value.message_dict


@pytest.mark.django_db
def test_saving_always_sanitises_the_body():
    resource = make_resource(
        body_fr='<p>Bonjour</p><script>alert(1)</script><img src=x onerror="y()">'
    )
    resource.refresh_from_db()
    assert resource.body_fr == "<p>Bonjour</p>"


@pytest.mark.django_db
def test_languages_default_to_those_with_a_title():
    resource = make_resource(title_en="Guide", title_ar="دليل")
    assert resource.languages == ["ar", "en"]


@pytest.mark.django_db
def test_spotlight_needs_a_member_city():
    resource = Resource(slug="s", kind="spotlight", title_en="Spotlight")
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "spotlight_city" in error.value.message_dict
    resource.spotlight_city = CityFactory(membership_status=City.MembershipStatus.PROSPECTIVE)
    with pytest.raises(ValidationError):
        resource.full_clean()
    resource.spotlight_city = CityFactory()
    resource.full_clean()


def attachment(name, content):
    return ResourceAttachment(
        resource=make_resource(), language="en", file=SimpleUploadedFile(name, content)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tool.exe", b"MZ\x90\x00", "not a file of an accepted type"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "is not what its name says"),
        ("big.pdf", b"%PDF" + b"0" * policy("resource_attachment").limit, "larger than 20"),
    ],
)
def test_attachment_type_content_and_size_are_checked(name, content, message):
    with pytest.raises(ValidationError) as error:
        attachment(name, content).full_clean()
    assert message in str(error.value)


@pytest.mark.django_db
def test_a_real_pdf_is_accepted_and_its_size_kept():
    item = attachment("guide.pdf", b"%PDF-1.7 demo")
    item.full_clean()
    item.save()
    assert item.size == len(b"%PDF-1.7 demo")
    assert item.extension == "PDF"
