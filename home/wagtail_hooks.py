"""Admin wiring for the alliance and its member libraries."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .models import HomePage, MemberLibraryIndexPage, MemberLibraryPage
from .views import MemberLibraryRolesReport

PROTECTED_PAGE_TYPES = (HomePage, MemberLibraryIndexPage, MemberLibraryPage)


def _refuse_structural_change(request, page, message):
    """A library's own staff may change its content, never the structure of the alliance:
    only alliance administrators delete or move the home page, the members index and the
    library pages themselves."""
    if request.user.is_superuser or not isinstance(page.specific_deferred, PROTECTED_PAGE_TYPES):
        return None
    messages.error(request, message)
    return redirect("wagtailadmin_explore", page.get_parent().id)


@hooks.register("before_delete_page")
def protect_structure_from_deletion(request, page):
    return _refuse_structural_change(
        request, page, _("Only alliance administrators can delete this page.")
    )


@hooks.register("before_move_page")
def protect_structure_from_moves(request, page, destination=None):
    return _refuse_structural_change(
        request, page, _("Only alliance administrators can move this page.")
    )


@hooks.register("register_admin_urls")
def register_member_library_roles_urls():
    view = MemberLibraryRolesReport.as_view()
    results = MemberLibraryRolesReport.as_view(results_only=True)
    return [
        path("reports/member-library-roles/", view, name="member_library_roles"),
        path(
            "reports/member-library-roles/results/",
            results,
            name="member_library_roles_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_member_library_roles_menu_item():
    return AdminOnlyMenuItem(
        gettext_lazy("Member library roles"),
        reverse("member_library_roles"),
        name="member-library-roles",
        icon_name="group",
        order=1100,
    )
