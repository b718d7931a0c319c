from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import VolunteerIndexPage, listed_projects
from .selection import SelectionRound

# How many projects the home page's volunteering box lists.
HOME_PROJECTS = 6


@hooks.register("home_volunteer_projects")
def home_volunteer_projects(locale):
    """The home page's volunteering box: projects with shifts to come first."""
    return list(listed_projects(locale)[:HOME_PROJECTS])


@hooks.register("volunteers_page")
def volunteers_page(locale):
    return VolunteerIndexPage.objects.live().filter(locale=locale).first()


@hooks.register("register_admin_urls")
def register_volunteer_urls():
    from . import admin_views

    urls = [
        path("off-site/", admin_views.off_site_hours, name="off_site"),
        path("shifts/<uuid:uid>/hours/", admin_views.shift_hours, name="shift_hours"),
        path("shifts/<uuid:uid>/approval/", admin_views.approve_sign_up, name="approval"),
    ]
    return [path("volunteering/", include((urls, "volunteer_admin")))]


class VolunteerHoursMenuItem(MenuItem):
    def is_shown(self, request):
        from events.admin_views import can_manage_registrations

        return can_manage_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_volunteer_menu_item():
    return VolunteerHoursMenuItem(
        _("Off-site hours"), reverse("volunteer_admin:off_site"), icon_name="time", order=310
    )


@hooks.register("register_log_actions")
def register_volunteer_log_actions(actions):
    actions.register_action(
        "volunteers.hours.confirm", _("Hours"), _("Confirmed attendance and hours")
    )
    actions.register_action("volunteers.hours.verify", _("Hours"), _("Verified off-site hours"))
    actions.register_action("volunteers.hours.reject", _("Hours"), _("Rejected off-site hours"))
    actions.register_action(
        "volunteers.selection.nominate", _("Selection"), _("Nominated a project")
    )
    actions.register_action("volunteers.selection.score", _("Selection"), _("Scored a nomination"))
    actions.register_action(
        "volunteers.selection.edit", _("Selection"), _("Changed a nomination's statement")
    )
    actions.register_action(
        "volunteers.selection.evidence", _("Selection"), _("Added or removed evidence")
    )
    actions.register_action(
        "volunteers.selection.withdraw", _("Selection"), _("Withdrew a nomination")
    )
    actions.register_action("volunteers.selection.winners", _("Selection"), _("Chose the winners"))
    actions.register_action(
        "volunteers.selection.publish", _("Selection"), _("Published the results")
    )


@hooks.register("load_demo")
def load_demo_volunteers(**kwargs):
    from .demo import load_demo_volunteers

    load_demo_volunteers(**kwargs)


@hooks.register("register_admin_urls")
def register_statistics_url():
    from . import report

    return [path("reports/statistics/", report.statistics, name="alliance_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        from .report import can_read_statistics

        return can_read_statistics(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Alliance statistics"),
        reverse("alliance_statistics"),
        name="alliance-statistics",
        icon_name="table",
        order=1100,
    )


@hooks.register("home_at_a_glance")
def home_at_a_glance():
    """The alliance's figures for the home page, cached for ten minutes."""
    from django.core.cache import cache
    from django.utils import timezone

    from .statistics import at_a_glance

    year = timezone.localdate().year
    return cache.get_or_set(f"alliance-at-a-glance-{year}", lambda: at_a_glance(year), 600)


@hooks.register("load_demo", order=100)  # after the libraries' events and volunteers
def load_demo_year(**kwargs):
    from .demo_year import load_demo_year

    load_demo_year(**kwargs)


@hooks.register("load_demo", order=110)  # after the projects and the admin account
def load_demo_selection(**kwargs):
    from .demo_selection import load_demo_selection

    load_demo_selection(**kwargs)


class SelectionRoundViewSet(SnippetViewSet):
    """Alliance administrators open and run the demonstration-project selection rounds."""

    model = SelectionRound
    icon = "pick"
    menu_label = _("Selection rounds")
    # Reached from the selection's own screens (Selection in the menu).
    add_to_admin_menu = False
    list_display = ["title", "year", "nominations_close", "scoring_close", "published_at"]


register_snippet(SelectionRoundViewSet)


@hooks.register("register_admin_urls")
def register_selection_urls():
    from . import selection_views as views

    urls = [
        path("", views.index, name="index"),
        path("<int:pk>/nominations/", views.nominations, name="nominations"),
        path("<int:pk>/judging/", views.judging, name="judging"),
        path("<int:pk>/results/", views.results, name="results"),
        path("nominations/<int:pk>/", views.nomination, name="nomination"),
    ]
    return [path("selection/", include((urls, "selection")))]


class SelectionMenuItem(MenuItem):
    def is_shown(self, request):
        from .selection_views import can_use_selection

        return can_use_selection(request.user)


@hooks.register("register_admin_menu_item")
def register_selection_menu_item():
    return SelectionMenuItem(
        _("Project selection"),
        reverse("selection:index"),
        icon_name="pick",
        order=320,
    )
