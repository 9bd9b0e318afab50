import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from members.models import FocalPoint
from strongcities.models import Invitation
from strongcities.services import invitation_token, invite_person
from tests.factories import PASSWORD, UserFactory, enable_mfa

LANGUAGES = ["ar", "en", "fr"]
SUBJECTS = {
    "en": "Confirm your email address",
    "fr": "Confirmez votre adresse",
    "ar": "تأكيد",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_login_by_email_in_each_language(client, language):
    user = UserFactory(preferred_language=language)
    response = client.post(
        f"/{language}/accounts/login/", {"login": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    assert client.get(f"/{language}/account/settings/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_password_shows_a_translated_error_and_keeps_the_email(client, language):
    user = UserFactory()
    response = client.post(
        f"/{language}/accounts/login/", {"login": user.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{user.email}"' in html
    assert 'lang="' + language + '"' in html


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": user.email, "password": "nope"})
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_email_verification_is_mandatory_and_speaks_the_users_language(client, language):
    user = UserFactory(preferred_language=language, verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # not signed in before verifying
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert SUBJECTS[language] in message.subject
    html_body = message.alternatives[0][0]
    assert f'lang="{language}"' in html_body
    link = path_of(link_in(message))
    assert link.startswith(f"/{language}/accounts/confirm-email/")
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_in_each_language(client, language):
    user = UserFactory(preferred_language=language)
    client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.alternatives, "the reset email has an HTML part"
    link = path_of(link_in(message))
    assert link.startswith(f"/{language}/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new_password = "a-brand-new-long-password-77"
    done = client.post(set_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.django_db
def test_there_is_no_open_sign_up(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "stranger@example.org", "password1": "x" * 14, "password2": "x" * 14},
    )
    assert response.status_code == 200
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="stranger@example.org").exists()


# --- invitations --------------------------------------------------------------


@pytest.mark.django_db
def test_an_invitation_is_sent_once_in_the_invitees_language(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_person(
            email="New.Person@Example.org",
            display_name="New Person (fictional)",
            role=Invitation.Role.FOCAL_POINT,
            invited_by=network.users["mu"],
            language="fr",
            city=network.city_a,
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert "invitation" in mail.outbox[0].subject.lower()
    assert "/fr/accounts/invitation/" in mail.outbox[0].body
    from strongcities.services import send_invitation_email

    assert send_invitation_email(invitation.pk) is False  # a retry sends nothing
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_accepting_an_invitation_creates_a_verified_focal_point(client, network):
    invitation = invite_person(
        email="fp@example.org",
        display_name="Invited (fictional)",
        role=Invitation.Role.FOCAL_POINT,
        invited_by=network.users["mu"],
        language="ar",
        city=network.city_b,
    )
    url = f"/ar/accounts/invitation/{invitation_token(invitation)}/"
    page = client.get(url)
    assert page.status_code == 200
    # a bad password keeps what the person typed and says why, in Arabic
    bad = client.post(
        url, {"display_name": "Layla (fictional)", "password1": "123", "password2": "123"}
    )
    assert bad.status_code == 200
    assert 'value="Layla (fictional)"' in bad.content.decode()
    good = client.post(
        url,
        {"display_name": "Layla (fictional)", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert good.status_code == 302
    focal_point = FocalPoint.objects.get(user__email="fp@example.org")
    assert focal_point.city == network.city_b
    assert EmailAddress.objects.get(email="fp@example.org").verified
    assert client.get(url).status_code == 404  # used once only


@pytest.mark.django_db
def test_a_forged_invitation_token_is_refused(client, network):
    assert client.get("/en/accounts/invitation/1:forged:token/").status_code == 404


# --- MFA ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hub_a", "mu", "admin"])
def test_staff_without_mfa_are_sent_to_set_it_up(client, network, role):
    user = network.users[role]
    user.authenticator_set.all().delete()
    client.force_login(user)
    urls = ["/en/dashboard/"] + (["/admin/"] if role != "hub_a" else [])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_staff_with_mfa_reach_staff_pages(client, network):
    client.force_login(network.users["mu"])
    assert client.get("/en/dashboard/").status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_focal_points_do_not_need_mfa_for_their_pages(client, network):
    client.force_login(network.users["focal_a"])
    assert client.get("/en/account/settings/").status_code == 200


@pytest.mark.django_db
def test_staff_sign_in_asks_for_the_second_factor(client):
    user = UserFactory(is_management_unit=True)
    secret = enable_mfa(user)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_admin_login_goes_through_the_portal_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert (
        response["Location"].startswith("/en/accounts/login/")
        or "/accounts/login/" in response["Location"]
    )


@pytest.mark.django_db
def test_the_sign_in_page_says_accounts_are_by_invitation_not_sign_up(client):
    for language in ("en", "ar", "fr"):
        page = client.get(f"/{language}/accounts/login/").content.decode()
        assert "/accounts/signup/" not in page
    assert "Accounts are by invitation" in client.get("/en/accounts/login/").content.decode()
