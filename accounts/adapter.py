from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
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


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails in the visitor's language, titled and signed with the alliance's
    name, their links (verification, password reset, sign-up) on the public address;
    bounded credentials."""

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
