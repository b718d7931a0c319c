from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("load_demo")
def load_demo_exhibitions(**kwargs):
    from .demo import load_demo_exhibitions

    load_demo_exhibitions(**kwargs)


@hooks.register("register_admin_urls")
def register_hosting_urls():
    from . import views

    urls = [
        path("", views.index, name="index"),
        path("new/", views.create, name="create"),
        path("<int:pk>/", views.detail, name="detail"),
    ]
    return [path("exhibition-hosting/", include((urls, "exhibition_hosting")))]


class HostingMenuItem(MenuItem):
    def is_shown(self, request):
        from .hosting import can_use_hosting

        return can_use_hosting(request.user)


@hooks.register("register_admin_menu_item")
def register_hosting_menu_item():
    return HostingMenuItem(
        _("Exhibition hosting"),
        reverse("exhibition_hosting:index"),
        icon_name="image",
        order=350,
    )


@hooks.register("register_log_actions")
def register_hosting_log_actions(actions):
    actions.register_action(
        "exhibitions.hosting.request", _("Ask to host"), _("Asked to host the exhibition")
    )
    actions.register_action(
        "exhibitions.hosting.accept", _("Accept hosting"), _("Accepted the hosting request")
    )
    actions.register_action(
        "exhibitions.hosting.decline", _("Decline hosting"), _("Declined the hosting request")
    )
    actions.register_action(
        "exhibitions.hosting.withdraw", _("Withdraw hosting"), _("Withdrew the hosting request")
    )
