from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import LectureSeries, Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "title", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "title"]
    search_fields = ["name", "title"]


class LectureSeriesViewSet(SnippetViewSet):
    model = LectureSeries
    icon = "list-ul"
    menu_label = _("Lecture series")
    list_display = ["name", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug"]


class LecturesGroup(SnippetViewSetGroup):
    items = (SpeakerViewSet, LectureSeriesViewSet)
    menu_icon = "user"
    menu_label = _("Lectures")
    menu_order = 260


register_snippet(LecturesGroup)

# Speakers and series are shared by the alliance. A library's staff add the speakers and
# series their lectures need; changing or deleting them (they appear on every library's
# lectures) stays with the alliance administrators.
STAFF_PERMISSIONS = {
    "editors": [("lectures", "add_speaker"), ("lectures", "add_lectureseries")],
    "moderators": [("lectures", "add_speaker"), ("lectures", "add_lectureseries")],
}


@hooks.register("library_staff_permissions")
def lecture_staff_permissions(role):
    return STAFF_PERMISSIONS[role]


@hooks.register("load_demo")
def load_demo_lectures(**kwargs):
    from .demo import load_demo_lectures

    load_demo_lectures(**kwargs)
