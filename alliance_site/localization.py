"""Translatable-field kinds for wagtail-localize beyond its own two.

wagtail-localize 1.14 empties a text field in a translation when it is emptied in the source
(a cleared text field counts as synchronised). It does not do so for two kinds of field,
whose translations would keep a value the source no longer has:

- a translatable foreign key to a snippet (a campaign, a lecture series): when the source
  clears it, or picks a snippet not yet translated, the translation keeps its old snippet;
- a ParentalManyToManyField (audiences, a listing's libraries): it copies the source's set
  only when the set is not empty, so emptying it in the source changes no translation.

`TranslatableForeignKey` and `SynchronizedRelation` name these fields in a model's
`translatable_fields` and close both gaps (tests/alliance_site/test_translation_pitfalls.py).
"""

import json

from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import TranslationSource


class TranslatableForeignKey(TranslatableField):
    """A foreign key to a translatable snippet. The translation points to the snippet's
    translation in its locale when there is one, else to the source's own choice (so a
    campaign changed or cleared in the source never leaves the old one behind)."""

    def is_synchronized(self, obj):
        # wagtail-localize copies synchronised fields first, then swaps in the snippet's
        # translation where one exists (the related-object segment).
        return True

    def is_overridable(self, obj):
        return False

    def __repr__(self):
        return f"<TranslatableForeignKey {self.field_name}>"


class SynchronizedRelation(SynchronizedField):
    """A ParentalManyToManyField with the same members in every translation, also when the
    source empties it (see `empty_relations_emptied_in_source`)."""

    def __init__(self, field_name):
        super().__init__(field_name, overridable=False)

    def __repr__(self):
        return f"<SynchronizedRelation {self.field_name}>"


def empty_relations_emptied_in_source(instance):
    """Empty the SynchronizedRelation fields of a synchronised translation whose source,
    as last submitted for translation, has them empty. Called before a page is saved:
    wagtail-localize saves the translation, then a revision of it, then publishes that."""
    names = [
        field.field_name
        for field in getattr(instance, "translatable_fields", ())
        if isinstance(field, SynchronizedRelation)
    ]
    if not names or instance.pk is None:
        return
    source = (
        TranslationSource.objects.filter(
            object_id=instance.translation_key,
            translations__target_locale_id=instance.locale_id,
            translations__enabled=True,
        )
        .only("content_json")
        .first()
    )
    if source is None:
        return
    content = json.loads(source.content_json)
    for name in names:
        if name in content and not content[name]:
            setattr(instance, name, [])
