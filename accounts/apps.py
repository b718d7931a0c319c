from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("My account")
    default = True


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with forms that refuse an address another account has
    (accounts/staff.py); in INSTALLED_APPS in place of "wagtail.users"."""

    user_viewset = "accounts.staff.StaffUserViewSet"
