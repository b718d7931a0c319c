"""The translators of each content locale.

Every locale except the source one has a group, "译者（<code>）", which may
translate pages of every library into that locale with wagtail-localize and publish
them, and nothing else: it holds "change" and "publish" on the locale's home page, and
`translations.permissions` keeps the structure of the tree (adding, deleting, moving,
reordering pages, privacy) away from it. Library editors keep their own rights."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LocaleTranslators(models.Model):
    locale = models.OneToOneField(
        "wagtailcore.Locale",
        verbose_name=pgettext_lazy("translators", "locale"),
        on_delete=models.CASCADE,
        related_name="translators",
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=pgettext_lazy("translators", "group"),
        on_delete=models.PROTECT,
        related_name="translates",
    )

    class Meta:
        verbose_name = _("translators of a locale")
        verbose_name_plural = _("translators of the locales")

    def __str__(self):
        return self.group.name
