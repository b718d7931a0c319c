"""Send one reminder e-mail for each confirmed registration whose session starts within
the next 24 hours. Meant for cron (e.g. every 15 minutes): a registration is claimed with
a conditional UPDATE before its e-mail goes out, so it is reminded exactly once however
often, and however many copies of, the command run."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.booking import send_booking_mail
from events.models import Booking, BookingStatus, EventSession


class Command(BaseCommand):
    help = "E-mail a reminder 24 hours before each booked session (once per registration)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="How far ahead to remind (default 24)."
        )

    def handle(self, *args, hours, **options):
        now = timezone.now()
        soon = EventSession.objects.filter(
            start__gt=now, start__lte=now + datetime.timedelta(hours=hours), page__live=True
        ).values_list("uid", flat=True)
        due = Booking.objects.filter(
            session_uid__in=list(soon),
            status=BookingStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
        ).select_related("user", "event")
        sent = failed = 0
        for booking in due:
            claimed = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:
                continue  # another run got there first
            try:
                send_booking_mail(booking, "reminder")
            except Exception as error:  # noqa: BLE001 - retried on the next run
                Booking.objects.filter(pk=booking.pk).update(reminder_sent_at=None)
                failed += 1
                self.stderr.write(f"{booking.code}: {error}")
            else:
                sent += 1
        self.stdout.write(f"{sent} reminder(s) sent, {failed} failed.")
