from wagtail import hooks

from .staff import verify_address


@hooks.register("after_create_user")
def verify_new_staff_address(request, user):
    verify_address(user)


@hooks.register("after_edit_user")
def keep_staff_address_verified(request, user):
    verify_address(user)
