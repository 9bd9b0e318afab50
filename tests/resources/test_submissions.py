"""Member submissions: focal points share, staff review and publish, submitters are told."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import EngagementRecord
from resources import services
from resources.models import Resource, SubmissionNotice

URL = "/en/resources/submit/"


def form_data(city, **changes):
    data = {
        "city": city.pk,
        "language": "fr",
        "kind": "policy",
        "title": "Politique municipale de la jeunesse",
        "summary": "Un conseil de jeunes conseille le maire.",
        "body": "<p>Notre approche.</p>",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 302),
        ("focal_a", 200),
        ("focal_b", 200),
        ("hub_a", 403),
        ("hub_b", 403),
        ("mu", 403),
        ("committee", 403),
        ("admin", 403),
    ],
)
def test_only_focal_points_may_submit(client_as, network, role, status):
    assert client_as(network.user(role)).get(URL).status_code == status


@pytest.mark.django_db
def test_focal_point_submission_goes_to_review_and_is_acknowledged(
    client_as, network, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    user = network.user("focal_a")
    user.preferred_language = "fr"
    user.save()
    upload = SimpleUploadedFile("politique.pdf", b"%PDF-1.7 demo", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(user).post(URL, {**form_data(network.city_a), "attachments": [upload]})
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.IN_REVIEW
    assert resource.title_fr == "Politique municipale de la jeunesse"
    assert resource.languages == ["fr"]
    assert resource.submitted_city == network.city_a
    assert list(resource.cities.all()) == [network.city_a]
    assert resource.attachments.get().language == "fr"
    # not public while in review
    assert client_as(None).get(resource.get_absolute_url()).status_code == 404
    # the submitter is told in their language, once
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == (
        "Nous avons bien reçu votre contribution au centre de ressources en ligne"
    )  # in the focal point's language
    assert services.send_submission_notice(resource.pk, "received") is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_focal_point_cannot_submit_for_another_city(client_as, network):
    response = client_as(network.user("focal_a")).post(URL, form_data(network.city_b))
    assert response.status_code == 200  # the form refuses the choice
    assert "city" in response.context["form"].errors
    assert not Resource.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "   "}, "title"),
        ({"body": "<script>alert(1)</script>"}, "body"),
        ({"attachments": [SimpleUploadedFile("virus.exe", b"MZ")]}, "attachments"),
        ({"attachments": [SimpleUploadedFile("fake.pdf", b"MZ not a pdf")]}, "attachments"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_submissions_get_a_translated_error(client_as, network, changes, field):
    client = client_as(network.user("focal_a"))
    response = client.post(URL.replace("/en/", "/fr/"), form_data(network.city_a, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_a_refused_submission_explains_in_the_readers_language_and_keeps_the_input(
    client_as, network
):
    client = client_as(network.user("focal_a"))
    data = form_data(network.city_a, body="<p>Notre approche</p><script>alert(1)</script>")
    html = client.post(URL.replace("/en/", "/fr/"), data).content.decode()
    assert "Les scripts, cadres et gestionnaires d&#x27;événements ne sont pas autorisés" in html
    assert 'value="Politique municipale de la jeunesse"' in html  # what was typed stays
    assert "Un conseil de jeunes conseille le maire." in html
    assert "<script>alert(1)</script>" not in html  # shown back escaped, never run
    arabic = client.post(URL.replace("/en/", "/ar/"), form_data(network.city_a, title=" "))
    assert "هذا الحقل مطلوب" in arabic.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_publishing_a_submission_records_engagement_and_tells_the_submitter(
    client_as, network, django_capture_on_commit_callbacks
):
    user = network.user("focal_a")
    with django_capture_on_commit_callbacks(execute=True):
        client_as(user).post(URL, form_data(network.city_a, language="en", title="Youth policy"))
    resource = Resource.objects.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_resource(resource, published_by=network.user("mu"))
        services.publish_resource(resource, published_by=network.user("mu"))  # twice: once

    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED and resource.published_at
    records = EngagementRecord.objects.filter(
        city=network.city_a, kind=EngagementRecord.Kind.RESOURCE_SHARED
    )
    assert records.count() == 1
    assert len(mail.outbox) == 1
    assert resource.get_absolute_url() in mail.outbox[0].body
    assert SubmissionNotice.objects.filter(resource=resource).count() == 2
    assert client_as(None).get(resource.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_publishing_a_spotlight_counts_for_its_city(network):
    resource = Resource.objects.create(
        slug="spot", kind="spotlight", title_en="Spotlight", spotlight_city=network.city_b
    )
    services.publish_resource(resource)
    assert EngagementRecord.objects.filter(
        city=network.city_b, kind=EngagementRecord.Kind.RESOURCE_SHARED
    ).exists()


@pytest.mark.django_db
def test_sweep_finds_notices_a_broker_outage_lost(network):
    resource = Resource.objects.create(
        slug="lost", kind="policy", title_en="Lost", submitted_by=network.user("focal_a"),
        submitted_city=network.city_a, status=Resource.Status.PUBLISHED,
    )  # fmt: skip
    assert set(services.unsent_notices()) == {(resource.pk, "received"), (resource.pk, "published")}
    from resources.tasks import send_pending_submission_notices

    send_pending_submission_notices()
    assert services.unsent_notices() == []
    assert len(mail.outbox) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 302),
        ("focal_a", 403),
        ("hub_a", 403),
        ("committee", 403),
        ("mu", 200),
        ("admin", 200),
    ],
)
def test_translation_parity_is_for_the_management_unit(client_as, network, role, status):
    assert client_as(network.user(role)).get("/en/resources/translations/").status_code == status


@pytest.mark.django_db
def test_translation_parity_shows_what_each_language_lacks(client_as, network):
    Resource.objects.create(
        slug="full", kind="toolkit", status="published", title_ar="أ", title_en="Full",
        title_fr="Complet", summary_ar="م", summary_en="s", summary_fr="r",
    )  # fmt: skip
    Resource.objects.create(
        slug="en-only", kind="toolkit", status="published", title_en="English only", summary_en="s"
    )
    Resource.objects.create(slug="draft", kind="toolkit", title_en="Draft")
    client = client_as(network.user("mu"))
    response = client.get("/en/resources/translations/?missing=ar")
    assert [row.resource.slug for row in response.context["rows"]] == ["en-only"]
    assert response.context["gaps"] == {"ar": 1, "en": 0, "fr": 1}
    assert "Draft" not in response.content.decode()


@pytest.mark.django_db
def test_admin_publish_action_goes_through_the_service(client_as, network):
    resource = Resource.objects.create(
        slug="spot", kind="spotlight", title_en="Spotlight", spotlight_city=network.city_a,
        status=Resource.Status.IN_REVIEW,
    )  # fmt: skip
    client = client_as(network.user("mu"))
    response = client.post(
        "/admin/resources/resource/",
        {"action": "publish", "_selected_action": [resource.pk]},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert EngagementRecord.objects.filter(city=network.city_a).exists()


@pytest.mark.django_db
def test_admin_edit_page_has_translation_tabs_and_publishing_by_status_records_engagement(
    client_as, network
):
    resource = Resource.objects.create(
        slug="sub", kind="policy", title_fr="Politique", submitted_city=network.city_a,
        submitted_by=network.user("focal_a"), status=Resource.Status.IN_REVIEW, in_fr=True,
    )  # fmt: skip
    client = client_as(network.user("mu"))
    url = f"/admin/resources/resource/{resource.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="title_ar"' in html and 'name="body_fr"' in html
    assert "/admin/r/" in html  # "View on site": the staff preview of the public page
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "title_en": "Youth policy",
            "status": "published",
            "themes": [],
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        }
    )
    data.pop("cover_image", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert EngagementRecord.objects.filter(
        city=network.city_a, kind=EngagementRecord.Kind.RESOURCE_SHARED
    ).exists()


@pytest.mark.django_db
def test_admin_refuses_a_script_in_the_body(client_as, network):
    client = client_as(network.user("mu"))
    response = client.post(
        "/admin/resources/resource/add/",
        {
            "kind": "toolkit",
            "slug": "x",
            "title_en": "X",
            "body_en": "<p>Hi</p><script>alert(1)</script>",
            "status": "draft",
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "body_en" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_the_notice_sweep_is_scheduled():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="resources.tasks.send_pending_submission_notices")
    assert task.interval.every == 10 and task.enabled
