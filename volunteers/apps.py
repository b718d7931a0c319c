from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from alliance_site.page_cache import invalidate_on_change

        from .selection import Criterion, Judge, Nomination, Score

        # The results pages show what the round's rows say.
        for model in (Criterion, Judge, Nomination, Score):
            invalidate_on_change(model, lambda row: {"snippet:volunteers.selectionround"})
