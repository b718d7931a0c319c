"""Everything the site needs done on a clock, in one command for one cron line.

    */5 * * * *  cd /srv/alliance && .venv/bin/python manage.py run_periodic_jobs

- `publish_scheduled`: publishes pages whose "go live" time has come and unpublishes
  pages whose expiry time has passed (they leave listings, the calendar, feeds, search
  and the sitemap: Wagtail does nothing on its own when the time comes).
- `send_reminders`: one reminder e-mail per registration, 24 hours before its session
  (safe to run as often as wanted; each registration is reminded once).
- `prune_db_task_results`: forgets finished tasks after two weeks, failed ones after
  four, so the queue table stays small (skipped when tasks run at once, in development).
- `clearsessions`: drops expired sessions from the database.

Each job runs even when an earlier one failed; the command exits non-zero if any did, so
cron's mail or the monitoring sees it. Running two copies at once is harmless.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import default_task_backend
from django_tasks_db import DatabaseBackend

JOBS = (
    ("publish_scheduled", {}),
    ("send_reminders", {}),
    ("prune_db_task_results", {"min_age_days": 14, "failed_min_age_days": 28}),
    ("clearsessions", {}),
)


class Command(BaseCommand):
    help = "Run the periodic jobs: scheduled publishing and expiry, reminders, clean-ups."

    def handle(self, *args, **options):
        failed = []
        for name, kwargs in JOBS:
            if name == "prune_db_task_results" and not isinstance(
                default_task_backend, DatabaseBackend
            ):
                continue  # tasks run at once (development): no queue to prune
            self.stdout.write(f"{name}…")
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr, **kwargs)
            except Exception as error:  # noqa: BLE001 - the other jobs still run
                failed.append(name)
                self.stderr.write(f"{name} failed: {error}")
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
