from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from alliance_site.public import alliance_name, base_url, public_url


@dataclass(frozen=True)
class PublicSite:
    """What allauth's templates read from ``current_site``: the alliance's name and the
    public host, instead of the request's host (127.0.0.1:8000, testserver, an internal
    name behind the proxy)."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails in the visitor's language, titled and signed with the alliance's
    name, their links (verification, password reset, sign-up) on the public address."""

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
