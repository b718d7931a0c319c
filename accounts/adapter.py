from allauth.account.adapter import DefaultAccountAdapter


def alliance_name(request):
    """The home page's title in the current language (the site's name), else the
    organisation name of the site settings."""
    from wagtail.models import Site

    from alliance_site.models import SiteSettings

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.localized.title
    return SiteSettings.load().organisation_name if request is None else ""


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails signed with the alliance's name in the visitor's language."""

    def send_mail(self, template_prefix, email, context):
        context = {**context, "alliance_name": alliance_name(getattr(self, "request", None))}
        return super().send_mail(template_prefix, email, context)
