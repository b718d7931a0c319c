"""Sign-up tells no one whether a user name exists, as it tells no one whether an e-mail
address does (accounts.adapter.AccountAdapter): a taken name gets the page a successful
sign-up gets, no account, and a mail to the address given asking for another name."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db

SIGNUP = "/zh-hans/accounts/signup/"
PASSWORD = "a-long-reading-password"


def sign_up(client, username, email):
    return client.post(
        SIGNUP,
        {"email": email, "username": username, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


def test_a_taken_user_name_looks_like_a_successful_sign_up(client, home):
    factories.UserFactory(username="reader", email="reader@example.org")
    fresh = sign_up(client, "newcomer", "newcomer@example.org")
    client.logout()
    mail.outbox.clear()
    taken = sign_up(client, "Reader", "someone@example.org")  # any case
    assert taken.status_code == fresh.status_code == 200
    assert taken.redirect_chain == fresh.redirect_chain
    page = taken.content.decode()
    assert "someone@example.org" in page  # "we have sent an e-mail to …", as for a new name
    assert "already exists" not in page
    assert "已存在" not in page
    # No account, no address, one mail to the address given: choose another name.
    assert not get_user_model().objects.filter(email="someone@example.org").exists()
    assert not EmailAddress.objects.filter(email="someone@example.org").exists()
    assert get_user_model().objects.filter(username__iexact="reader").count() == 1
    (message,) = mail.outbox
    assert message.to == ["someone@example.org"]
    assert "/accounts/signup/" in message.body
    assert "confirm-email" not in message.body
    assert "reader@example.org" not in message.body
    assert message.body.rstrip().splitlines()[-2] == f"— {home.title}"


def test_the_mail_asks_for_another_name(client, home):
    factories.UserFactory(username="reader", email="reader@example.org")
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "other@example.org",
            "username": "reader",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["other@example.org"]
    assert "choose another user name" in message.body
    assert message.subject.endswith("Choose another user name")
    assert "http://testserver/en/accounts/signup/" in message.body


def test_a_taken_address_and_name_tell_the_addresss_owner_their_account_exists(client, home):
    factories.UserFactory(username="reader", email="reader@example.org")
    response = sign_up(client, "reader", "reader@example.org")
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "/accounts/password/reset/" in message.body  # allauth's "account already exists"


def test_a_free_user_name_still_signs_up(client, home):
    factories.UserFactory(username="reader", email="reader@example.org")
    sign_up(client, "reader2", "reader2@example.org")
    assert get_user_model().objects.filter(username="reader2").exists()
    (message,) = mail.outbox
    assert "confirm-email" in message.body


def test_a_user_name_that_is_not_allowed_is_still_an_error(client, home):
    response = client.post(
        SIGNUP,
        {"email": "x@example.org", "username": "a b", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert mail.outbox == []
