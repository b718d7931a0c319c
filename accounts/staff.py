"""Staff accounts an administrator makes or changes in the Wagtail admin (*Settings →
Users*) are usable at once: the address the administrator typed is the account's
verified, primary address, so allauth's mandatory verification sends no "you registered"
mail and the first login works. The admin's user form refuses an address another account
already has (it could not be verified twice, and would be a 500 otherwise)."""

from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet


def verify_address(user):
    """Make ``user.email`` the account's verified primary address; the primary address it
    replaces (the administrator changed it) goes, other addresses stay as they are."""
    if not user.email:
        return
    email = user.email.lower()
    with transaction.atomic():
        addresses = list(EmailAddress.objects.select_for_update().filter(user=user))
        address = next((a for a in addresses if a.email.lower() == email), None)
        for other in addresses:
            if other is not address and other.primary:
                other.delete()
        if address is None:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        elif not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])


class UniqueEmailMixin:
    def clean_email(self):
        email = self.cleaned_data["email"]
        others = get_user_model().objects.all()
        addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            addresses = addresses.exclude(user=self.instance.pk)
        if others.filter(email__iexact=email).exists() or addresses.exists():
            raise forms.ValidationError(
                _("Another account already uses this e-mail address."), code="email_taken"
            )
        return email


class StaffUserCreationForm(UniqueEmailMixin, UserCreationForm):
    pass


class StaffUserEditForm(UniqueEmailMixin, UserEditForm):
    pass


class StaffUserViewSet(UserViewSet):
    """Wagtail's user views (index, create, edit, delete) with the forms above; the
    address is verified by the after_create_user / after_edit_user hooks."""

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
