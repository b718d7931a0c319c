from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LibraryLevel


class LibraryFilterForm(forms.Form):
    """GET filters of the members index. Unknown values are rejected with a message."""

    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *LibraryLevel.choices]
    )
    city = forms.ChoiceField(label=_("City or country"), required=False)

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("All cities and countries"))] + [
            (city, city) for city in cities
        ]
