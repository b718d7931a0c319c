import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ServiceRecord, VolunteerProfile


class VolunteerProfileForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the alliance's libraries keep these details to organise my "
            "volunteering, and that I can export or delete them from my account at any time."
        ),
        required=True,
        error_messages={"required": _("Please give your consent to continue.")},
    )
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian agrees that I volunteer (needed under 18)."),
        required=False,
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "real_name",
            "phone",
            "birth_date",
            "languages",
            "skills",
            "availability",
            "guardian_name",
            "guardian_phone",
            "public_listing",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "availability": forms.Textarea(attrs={"rows": 2}),
        }

    # The free-text fields are text columns without a length; a form bounds them.
    max_text_length = 2000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("skills", "availability"):
            field = self.fields[name]
            field.max_length = self.max_text_length
            field.validators.append(MaxLengthValidator(self.max_text_length))
            field.widget.attrs["maxlength"] = str(self.max_text_length)
        profile = self.instance
        if profile.pk:
            self.fields["consent"].initial = bool(profile.consent_at)
            self.fields["guardian_consent"].initial = bool(profile.guardian_consent_at)

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if born < today - datetime.timedelta(days=366 * 120):
            raise forms.ValidationError(_("Check the year of the date of birth."))
        return born

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("birth_date")
        if born:
            probe = VolunteerProfile(birth_date=born)
            if probe.is_minor:
                for field in ("guardian_name", "guardian_phone"):
                    if not cleaned.get(field):
                        self.add_error(field, _("Needed for volunteers under 18."))
                if not cleaned.get("guardian_consent"):
                    self.add_error("guardian_consent", _("Needed for volunteers under 18."))
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        now = timezone.now()
        profile.consent_at = profile.consent_at or now
        if self.cleaned_data.get("guardian_consent"):
            profile.guardian_consent_at = profile.guardian_consent_at or now
        else:
            profile.guardian_consent_at = None
        if commit:
            profile.save()
        return profile


class OffSiteHoursForm(forms.ModelForm):
    library = forms.ChoiceField(label=_("For which library"))

    class Meta:
        model = ServiceRecord
        fields = ["date", "hours", "description"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.libraries = {str(lib.translation_key): lib for lib in libraries}
        self.fields["library"].choices = [("", "---------")] + [
            (key, lib.title) for key, lib in self.libraries.items()
        ]
        self.fields["description"].required = True

    def clean_date(self):
        day = self.cleaned_data["date"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("Log hours once the work is done."))
        if day < today - datetime.timedelta(days=365):
            raise forms.ValidationError(_("Hours older than a year cannot be logged here."))
        return day
