from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal import flows
from allauth.account.internal.userkit import filter_users_by_username
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance_site.public import alliance_name, base_url, public_url

# The longest user name or e-mail address a login form accepts (an e-mail address has
# at most 254 characters; user names at most 150), and the longest password anywhere.
MAX_LOGIN_LENGTH = 254
MAX_PASSWORD_LENGTH = 1024


def login_too_long():
    return ValidationError(
        _("A user name or e-mail address has at most %(limit)d characters."),
        code="login_too_long",
        params={"limit": MAX_LOGIN_LENGTH},
    )


def password_too_long():
    return ValidationError(
        _("A password has at most %(limit)d characters."),
        code="password_too_long",
        params={"limit": MAX_PASSWORD_LENGTH},
    )


@dataclass(frozen=True)
class PublicSite:
    """What allauth's templates read from ``current_site``: the alliance's name and the
    public host, instead of the request's host (127.0.0.1:8000, testserver, an internal
    name behind the proxy)."""

    name: str
    domain: str


# Set on the request when a sign-up is answered quietly because its username is taken.
USERNAME_TAKEN = "_accounts_username_taken"


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails in the visitor's language, titled and signed with the alliance's
    name, their links (verification, password reset, sign-up) on the public address;
    bounded credentials.

    Sign-up says no more about user names than about e-mail addresses. With
    ACCOUNT_PREVENT_ENUMERATION allauth answers a taken address as it answers a new one
    ("we have sent you an e-mail") and tells the address's owner by mail; its form still
    says "A user with that username already exists", to anyone, at once. Here a taken
    user name is answered the same way: the page is the one a successful sign-up leads
    to, no account is made, and the mail to the address given asks its owner to choose
    another name. Only whoever reads that mailbox learns that the name is taken, one
    rate-limited sign-up and one mail at a time, where the form told a script in one
    request.
    """

    def clean_username(self, username, shallow=False):
        # shallow=False: allauth's sign-up form (generated usernames are shallow).
        try:
            return super().clean_username(username, shallow=shallow)
        except ValidationError as error:
            if shallow or error.code != "username_taken":
                raise
            return username  # answered in save_user, like a taken address

    def save_user(self, request, user, form, commit=True):
        username = form.cleaned_data.get("username")
        if username and filter_users_by_username(username).exists():
            setattr(request, USERNAME_TAKEN, True)
            # allauth's answer to a taken address: the "verification sent" page, and
            # send_account_already_exists_mail below.
            response = flows.signup.prevent_enumeration(
                request, email=form.cleaned_data.get("email")
            )
            raise ImmediateHttpResponse(response)  # AccountMiddleware returns it
        return super().save_user(request, user, form, commit=commit)

    def send_account_already_exists_mail(self, email):
        request = allauth_context.request
        if not getattr(request, USERNAME_TAKEN, False):
            return super().send_account_already_exists_mail(email)
        signup_url = flows.signup.get_signup_url(request)
        self.send_mail("account/email/username_unavailable", email, {"signup_url": signup_url})
        return None

    def authenticate(self, request, **credentials):
        """Over-long credentials are refused before any lookup, hashing or rate-limit
        bookkeeping, with a message (the login form shows it). allauth's login form has
        no max_length of its own, and its form class is chosen in the settings."""
        password = credentials.get("password") or ""
        if len(password) > MAX_PASSWORD_LENGTH:
            raise password_too_long()
        for name, value in credentials.items():
            if name != "password" and isinstance(value, str) and len(value) > MAX_LOGIN_LENGTH:
                raise login_too_long()
        return super().authenticate(request, **credentials)

    def clean_password(self, password, user=None):
        """The same bound when a password is chosen (sign-up, change, reset), so that
        nobody chooses a password the login form refuses."""
        if len(password) > MAX_PASSWORD_LENGTH:
            raise password_too_long()
        return super().clean_password(password, user)

    def format_email_subject(self, subject):
        return f"[{alliance_name()}] {subject}"

    def send_mail(self, template_prefix, email, context):
        name = alliance_name()
        context = {
            **context,
            # Every link allauth puts in a mail (activate_url, password_reset_url,
            # signup_url, …) is built from the request: move it to the public address.
            **{
                key: public_url(value)
                for key, value in context.items()
                if key.endswith("_url") and isinstance(value, str) and value
            },
            "alliance_name": name,
            "site_url": public_url(reverse("wagtail_serve", args=[""])),  # /<lang>/
            "current_site": PublicSite(name=name, domain=urlsplit(base_url()).netloc),
        }
        return super().send_mail(template_prefix, email, context)
