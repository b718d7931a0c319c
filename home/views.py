"""Admin report of the member libraries' roles, for alliance administrators."""

import datetime

from django.db.models import Count
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import MemberLibraryAccess


class MemberLibraryRolesReport(ReportView):
    page_title = gettext_lazy("Member library roles")
    header_icon = "group"
    model = MemberLibraryAccess
    permission_policy = ModelPermissionPolicy(MemberLibraryAccess)
    permission_required = "view"  # alliance administrators (superusers) only
    index_url_name = "member_library_roles"
    index_results_url_name = "member_library_roles_results"
    paginate_by = 100
    columns = [
        Column("name", label=pgettext_lazy("member library roles", "Library")),
        Column("editors", label=pgettext_lazy("member library roles", "Editors group")),
        Column("editor_count", label=pgettext_lazy("member library roles", "Editors")),
        Column("moderators", label=pgettext_lazy("member library roles", "Moderators group")),
        Column("moderator_count", label=pgettext_lazy("member library roles", "Moderators")),
        Column("collection", label=pgettext_lazy("member library roles", "Media collection")),
        Column("workflow", label=pgettext_lazy("member library roles", "Workflow")),
        DateColumn("archived_at", label=pgettext_lazy("member library roles", "Archived")),
    ]
    list_export = [
        "name",
        "editors",
        "editor_count",
        "moderators",
        "moderator_count",
        "collection",
        "workflow",
        "archived_at",
    ]
    export_headings = {
        "name": pgettext_lazy("member library roles", "Library"),
        "editors": pgettext_lazy("member library roles", "Editors group"),
        "editor_count": pgettext_lazy("member library roles", "Editors"),
        "moderators": pgettext_lazy("member library roles", "Moderators group"),
        "moderator_count": pgettext_lazy("member library roles", "Moderators"),
        "collection": pgettext_lazy("member library roles", "Media collection"),
        "workflow": pgettext_lazy("member library roles", "Workflow"),
        "archived_at": pgettext_lazy("member library roles", "Archived"),
    }

    def get_filename(self):
        return f"member-library-roles-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            MemberLibraryAccess.objects.select_related(
                "editors", "moderators", "collection", "workflow"
            )
            .annotate(
                editor_count=Count("editors__user", distinct=True),
                moderator_count=Count("moderators__user", distinct=True),
            )
            .order_by("name")
        )
