"""Run one of the periodic (Celery beat) tasks now, e.g. on the demo without a beat process."""

from django.core.management.base import BaseCommand, CommandError

TASKS = {
    "escalation_sweep": "mediation.tasks.escalation_sweep",
    "checkin_reminders": "mediation.tasks.checkin_reminders",
    "transition_plan": "mediation.tasks.transition_plan",
    "answer_reminders": "mediation.tasks.answer_reminders",
    "escalation_second_rung": "mediation.tasks.escalation_second_rung",
    "placements_started": "mediation.tasks.placements_started",
    "aftercare_plan": "mediation.tasks.aftercare_plan",
    "event_reminders": "events.tasks.event_reminders",
    "import_files_purge": "backoffice.tasks.import_files_purge",
    "privacy_retention": "marketplace.tasks.privacy_retention_apply",
    "recognition_pause": "employers.tasks.recognition_pause",
    "recognition_warnings": "employers.tasks.recognition_warnings",
}


class Command(BaseCommand):
    help = "Run a periodic task now: " + ", ".join(TASKS) + " or all. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=[*TASKS, "all"])

    def handle(self, *args, task, **options):
        from django.utils.module_loading import import_string

        names = list(TASKS) if task == "all" else [task]
        for name in names:
            try:
                result = import_string(TASKS[name])()
            except Exception as exc:  # a task that fails says so and the command fails
                raise CommandError(f"{name}: {exc}") from exc
            self.stdout.write(f"{name}: {result}")
