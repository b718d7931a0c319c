"""Make the stored posters of the events still to come: after an upgrade, or after a
change to the poster templates (a stored poster is otherwise made again within a day)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import EventPage
from events.posters import make_poster


class Command(BaseCommand):
    help = "Render and store the PDF poster of every live event that has not ended."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh", action="store_true", help="Render the posters already stored too."
        )

    def handle(self, *args, **options):
        events = EventPage.objects.live().filter(last_end__gte=timezone.now()).order_by("pk")
        total = events.count()
        for n, event in enumerate(events.specific().iterator(chunk_size=100), 1):
            make_poster(event, refresh=options["refresh"])
            self.stdout.write(f"posters {n}/{total}: {event.title}")
        self.stdout.write(self.style.SUCCESS("Posters built."))
