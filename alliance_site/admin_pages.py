"""Wagtail's page create view, made safe against a second request for the same page.

The admin's autosave creates the page as a draft while the person may already have
pressed "Publish": two create requests for the same page then run at once. Wagtail
checks the slug in the form and again in `Page.save()`, outside any transaction, so the
second request could fail half-way (a 500 "slug already in use", or a duplicate tree
path from a stale parent), leaving what the first steps had made (for a library: the
page and its onboarding) behind.

Here each create request runs in one transaction that first locks the parent page's row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transactions already serialise
writers). The second request therefore validates against what the first one committed,
and ends in the form's own error ("this slug is already in use") with nothing saved; a
validation error raised while saving becomes a form error too, never a 500.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from wagtail.admin.views.pages.create import CreateView
from wagtail.models import Page


class SerialisedCreateView(CreateView):
    def post(self, request):
        try:
            with transaction.atomic():
                # Lock the parent and read it afresh: its children may have changed while
                # this request waited (treebeard places the new page after the last child).
                self.parent_page = (
                    Page.objects.select_for_update().get(pk=self.parent_page.pk).specific
                )
                return super().post(request)
        except ValidationError as error:
            # Nothing was saved: the page is new again (the insert, if any, rolled back).
            self.page.pk = self.page.id = None
            self.page._state.adding = True
            for field, messages in error.update_error_dict({}).items():
                name = field if field in self.form.fields else None
                if field == NON_FIELD_ERRORS:
                    name = None
                self.form.add_error(name, messages)
            return self.form_invalid(self.form)


create_page = SerialisedCreateView.as_view()
