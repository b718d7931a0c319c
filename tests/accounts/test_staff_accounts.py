"""Staff accounts an administrator makes in the Wagtail admin (Settings → Users, Wagtail's
own views) are usable at once: the new colleague logs in on the site's login page
(allauth, mandatory e-mail verification) and reaches the admin, and nobody is sent a
"you registered" e-mail. An address the administrator changes stays verified."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.conftest import access_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-staff-password-2026"


def create_form(**fields):
    return {
        "username": "nanning-new",
        "email": "Zhang.Wei@nnlib.example.org",
        "first_name": "伟",
        "last_name": "张",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }


def log_in(client, login, password=PASSWORD):
    """Through the site's login page, as a person does; then open the admin."""
    client.logout()
    response = client.post("/zh-hans/accounts/login/", {"login": login, "password": password})
    assert response.status_code == 302, response.content.decode()
    assert "/accounts/confirm-email/" not in response["Location"]
    return client.get("/admin/")


def test_a_staff_account_made_by_an_administrator_logs_in_at_once(client, superuser, library_a):
    editors = access_of(library_a).editors
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:add"), create_form(groups=[editors.pk]))
    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(username="nanning-new")
    assert list(user.groups.all()) == [editors]
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (
        "zhang.wei@nnlib.example.org",
        True,
        True,
    )

    dashboard = log_in(client, "nanning-new")
    assert dashboard.status_code == 200
    assert dashboard.context["request"].user == user
    # By address too (any case), as allauth allows.
    assert log_in(client, "ZHANG.WEI@nnlib.example.org").status_code == 200
    assert mail.outbox == []


def test_an_address_the_administrator_changes_stays_verified(client, superuser, library_a):
    editors = access_of(library_a).editors
    user = factories.UserFactory(
        username="liu", email="liu@old.example.org", password=PASSWORD, groups=[editors]
    )
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": "liu",
            "email": "liu@nnlib.example.org",
            "first_name": "刘",
            "last_name": "洋",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    (address,) = EmailAddress.objects.filter(user=user)
    assert (address.email, address.verified, address.primary) == (
        "liu@nnlib.example.org",
        True,
        True,
    )
    assert log_in(client, "liu@nnlib.example.org").status_code == 200
    assert mail.outbox == []


def test_an_address_another_account_has_is_refused_and_the_form_kept(client, superuser):
    factories.UserFactory(username="volunteer", email="taken@example.org")
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"), create_form(email="TAKEN@example.org")
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["email"]
    assert error.code == "email_taken"
    page = response.content.decode()
    assert error.messages[0] in page
    assert 'value="nanning-new"' in page and 'value="TAKEN@example.org"' in page
    assert not get_user_model().objects.filter(username="nanning-new").exists()

    # Nor may an edit take another account's address.
    other = factories.UserFactory(username="other", email="other@example.org")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[other.pk]),
        {
            "username": "other",
            "email": "taken@example.org",
            "first_name": "x",
            "last_name": "y",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["email"][0].code == "email_taken"
    other.refresh_from_db()
    assert other.email == "other@example.org"


def test_editing_a_volunteers_groups_does_not_verify_their_address(client, superuser):
    user = factories.UserFactory(username="lin", email="lin@example.org")
    # Signed up on the site and never clicked the confirmation link.
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email="lin@example.org", verified=False, primary=True)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": "lin",
            "email": "lin@example.org",
            "first_name": "林",
            "last_name": "芳",
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert not EmailAddress.objects.get(user=user).verified
