"""Public accounts (django-allauth): sign-up with mandatory e-mail verification, and
login by an e-mailed code, in the site's look and language."""

import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db


def test_sign_up_requires_a_verified_email(client, home):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {
            "email": "reader@example.org",
            "username": "reader",
            "password1": "a-long-reading-password",
            "password2": "a-long-reading-password",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()
    (message,) = mail.outbox
    assert message.body.rstrip().splitlines()[-2] == f"— {home.title}"  # signed by the site
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", message.body).group(0)
    # Not verified yet: the password does not log in.
    client.post(
        "/zh-hans/accounts/login/", {"login": "reader", "password": "a-long-reading-password"}
    )
    assert "_auth_user_id" not in client.session
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    client.post(path)
    response = client.post(
        "/zh-hans/accounts/login/", {"login": "reader", "password": "a-long-reading-password"}
    )
    assert "_auth_user_id" in client.session


def test_a_bad_sign_up_keeps_what_was_typed(client, home):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {"email": "not-an-email", "username": "读者小王", "password1": "x", "password2": "y"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "读者小王" in page
    assert mail.outbox == []


def test_login_by_emailed_code(client, home):
    user = factories.UserFactory(username="coder", email="coder@example.org")
    page = client.get("/zh-hans/accounts/login/").content.decode()
    assert "/zh-hans/accounts/login/code/" in page
    client.post("/zh-hans/accounts/login/code/", {"email": user.email})
    (message,) = mail.outbox
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.M).group(1)
    client.post("/zh-hans/accounts/login/code/confirm/", {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unknown_address_is_not_revealed(client, home):
    known = factories.UserFactory(username="known", email="known@example.org")
    one = client.post("/zh-hans/accounts/password/reset/", {"email": known.email}, follow=True)
    other = client.post(
        "/zh-hans/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert one.status_code == other.status_code == 200
    assert one.redirect_chain == other.redirect_chain
