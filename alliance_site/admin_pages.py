"""Wagtail's page create view, made safe against a second request for the same page.

The admin's autosave creates the page as a draft while the person may already have
pressed "Publish": two create requests for the same page then run at once. Wagtail
checks the slug in the form and again in `Page.save()`, outside any transaction, so the
second request could fail half-way (a 500 "slug already in use", or a duplicate tree
path from a stale parent), leaving what the first steps had made (for a library: the
page and its onboarding) behind.

Here each create request runs in one transaction that first locks the parent page's row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transactions already serialise
writers). The second request therefore validates against what the first one committed.
When its slug is taken by the draft this person's autosave has just made, they are taken
to that draft (what they typed is in it) to publish it there; any other clash ends in the
form's own error, and an error raised while saving becomes a form error too: never a 500,
never half a page.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.models import Page

# How recent a draft of the same person must be to count as their own autosave.
AUTOSAVE_WINDOW = datetime.timedelta(minutes=30)


class SerialisedCreateView(CreateView):
    def post(self, request):
        try:
            with transaction.atomic():
                # Lock the parent and read it afresh: its children may have changed while
                # this request waited (treebeard places the new page after the last child).
                self.parent_page = (
                    Page.objects.select_for_update().get(pk=self.parent_page.pk).specific
                )
                response = super().post(request)
        except (ValidationError, IntegrityError) as error:
            # Nothing was saved: the page is new again (the insert, if any, rolled back).
            self.page.pk = self.page.id = None
            self.page._state.adding = True
            self._add_errors(error)
            return self.form_invalid(self.form)
        draft = self._own_fresh_draft()
        if draft is not None and not self.expects_json_response:
            messages.info(
                request,
                _("“%(title)s” was saved as a draft a moment ago: publish it here.")
                % {"title": draft.get_admin_display_title()},
            )
            return redirect(self.edit_url_name, draft.pk)
        return response

    def _add_errors(self, error):
        if isinstance(error, IntegrityError):
            error = ValidationError(_("This page could not be saved. Please try again."))
        for field, messages_ in error.update_error_dict({}).items():
            name = field if field in self.form.fields and field != NON_FIELD_ERRORS else None
            self.form.add_error(name, messages_)

    def _own_fresh_draft(self):
        """When the form was refused because its slug is taken by a draft this person
        created under the same parent moments ago (their autosave), that draft."""
        form = getattr(self, "form", None)
        if form is None or not form.is_bound or "slug" not in form.errors:
            return None
        slug = form.data.get("slug", "")
        return (
            Page.objects.child_of(self.parent_page)
            .filter(
                slug=slug,
                owner=self.request.user,
                live=False,
                first_published_at__isnull=True,
                latest_revision_created_at__gte=timezone.now() - AUTOSAVE_WINDOW,
            )
            .first()
        )


create_page = SerialisedCreateView.as_view()
