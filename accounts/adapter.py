from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal import flows
from allauth.account.internal.userkit import filter_users_by_username
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance_site.public import alliance_name, base_url, public_url


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
    name, their links (verification, password reset, sign-up) on the public address.

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
