from allauth.account.models import EmailAddress
from wagtail import hooks

from .staff import verify_address


@hooks.register("after_create_user")
def verify_new_staff_address(request, user):
    verify_address(user)


@hooks.register("after_edit_user")
def keep_staff_address_verified(request, user):
    """An address the administrator typed is verified; an address the person gave when
    signing up stays as it was (editing their groups does not verify it)."""
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        verify_address(user)
