"""Onboard a member library from the command line, or archive/restore one.

python manage.py add_member_library --name 南宁市图书馆 --slug nanning --level city --city 南宁
python manage.py add_member_library --slug nanning --archive
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.models import (
    HomePage,
    LibraryLevel,
    MemberLibraryAccess,
    MemberLibraryIndexPage,
    MemberLibraryPage,
)
from home.onboarding import archive_library, onboard_library, restore_library


class Command(BaseCommand):
    help = "Create a member library with its groups, media collection and workflow (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--name", help="Official name, e.g. 南宁市图书馆")
        parser.add_argument("--slug", required=True, help="URL slug, e.g. nanning")
        parser.add_argument("--level", help="One of: " + ", ".join(LibraryLevel.values))
        parser.add_argument("--city", help="City, or country of an ASEAN partner")
        parser.add_argument("--short-name", default="", help="Short name, e.g. 南宁图书馆")
        parser.add_argument("--brand", default="", help="Brand name, e.g. 八桂讲坛")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--archive", action="store_true", help="Revoke the library's permissions, keep content"
        )
        action.add_argument(
            "--restore", action="store_true", help="Give an archived library its permissions back"
        )

    def handle(self, *args, **options):
        slug = (options["slug"] or "").strip()
        try:
            validate_slug(slug)
        except ValidationError as error:
            raise CommandError(
                _("Invalid slug “%(slug)s”: use letters, numbers, hyphens or underscores.")
                % {"slug": slug}
            ) from error
        with transaction.atomic():
            index = self.members_index()
            existing = (
                MemberLibraryPage.objects.child_of(index).filter(slug=slug).first()
                if index
                else None
            )
            if options["archive"] or options["restore"]:
                return self.archive_or_restore(existing, slug, restore=options["restore"])
            name = (options["name"] or "").strip()
            if not name:
                raise CommandError(_("--name is required: the library's official name."))
            level = (options["level"] or "").strip()
            if level not in LibraryLevel.values:
                raise CommandError(
                    _("Unknown level “%(level)s”. Choose one of: %(choices)s.")
                    % {"level": level, "choices": ", ".join(LibraryLevel.values)}
                )
            city = (options["city"] or "").strip()
            if not city:
                raise CommandError(_("--city is required: the city, or the partner's country."))
            if existing is not None:
                if existing.title != name:
                    raise CommandError(
                        _("The slug “%(slug)s” is already used by “%(name)s”. Choose another slug.")
                        % {"slug": slug, "name": existing.title}
                    )
                access = onboard_library(existing)
                self.stdout.write(
                    _("%(name)s already exists; its groups and permissions are in place.")
                    % {"name": name}
                )
                return self.report(access)
            if index is None:
                index = self.create_members_index()
            if Page.objects.child_of(index).filter(slug=slug).exists():
                raise CommandError(
                    _("The slug “%(slug)s” is already used by another page. Choose another slug.")
                    % {"slug": slug}
                )
            page = MemberLibraryPage(
                title=name,
                slug=slug,
                level=level,
                city=city,
                short_name=options["short_name"],
                brand_name=options["brand"],
            )
            checked = {"title", "slug", "level", "city", "short_name", "brand_name"}
            try:
                page.clean_fields(
                    exclude=[f.name for f in page._meta.fields if f.name not in checked]
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            index.add_child(instance=page)
            page.save_revision().publish()
            access = onboard_library(page)
            self.stdout.write(self.style.SUCCESS(_("Created %(name)s.") % {"name": name}))
            self.report(access)

    def members_index(self):
        return (
            MemberLibraryIndexPage.objects.filter(locale=Locale.get_default())
            .order_by("path")
            .first()
        )

    def create_members_index(self):
        home = HomePage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        if home is None:
            raise CommandError(_("There is no home page yet: run “manage.py migrate” first."))
        index = MemberLibraryIndexPage(title="成员馆", slug="members")
        home.add_child(instance=index)
        index.save_revision().publish()
        return index

    def archive_or_restore(self, page, slug, restore):
        if page is None:
            raise CommandError(
                _("There is no member library with the slug “%(slug)s”.") % {"slug": slug}
            )
        access = MemberLibraryAccess.objects.filter(translation_key=page.translation_key).first()
        if access is None:
            access = onboard_library(page)
        if restore:
            restore_library(access)
            self.stdout.write(self.style.SUCCESS(_("Restored %(name)s.") % {"name": access.name}))
        else:
            archive_library(access)
            self.stdout.write(
                self.style.SUCCESS(
                    _("Archived %(name)s: its groups have no permissions; its pages are kept.")
                    % {"name": access.name}
                )
            )

    def report(self, access):
        self.stdout.write(
            _(
                "Groups: %(editors)s, %(moderators)s; collection: %(collection)s; workflow: %(workflow)s"
            )
            % {
                "editors": access.editors.name,
                "moderators": access.moderators.name,
                "collection": access.collection.name,
                "workflow": access.workflow.name,
            }
        )
