"""Admin wiring for the alliance and its member libraries."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import HomePage, MemberLibraryIndexPage, MemberLibraryPage

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
