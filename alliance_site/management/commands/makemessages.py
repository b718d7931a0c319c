"""Django's makemessages, keeping a catalogue's entries for other packages' strings.

The project's catalogues take precedence over those of Wagtail, wagtail-localize and
Django, so the zh_Hans catalogue also holds Chinese for admin strings whose own Chinese
is missing or wrong. Those strings are not in our code: msgmerge would mark them
obsolete. Entries whose translator comment begins with "Upstream:" are therefore added
to the template before that locale is merged, and so stay as they are.
"""

from pathlib import Path

import polib
from django.core.management.commands import makemessages

MARK = "Upstream:"


def upstream_entries(pofile):
    """The entries of `pofile` (live or already obsolete) kept for other packages."""
    if not pofile.exists():
        return []
    return [entry for entry in polib.pofile(str(pofile)) if entry.tcomment.startswith(MARK)]


class Command(makemessages.Command):
    def write_po_file(self, potfile, locale):
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        kept = upstream_entries(pofile)
        if not kept:
            return super().write_po_file(potfile, locale)
        template = polib.pofile(potfile)
        known = {(entry.msgctxt, entry.msgid) for entry in template}
        for entry in kept:
            if (entry.msgctxt, entry.msgid) not in known:
                template.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
                        flags=entry.flags,
                    )
                )
        # Beside the shared template: write_po_file finds the catalogue from its folder.
        local = Path(potfile).with_name(f"{self.domain}.{locale}.pot")
        template.save(str(local))
        try:
            return super().write_po_file(str(local), locale)
        finally:
            local.unlink()
