"""Recompute stored suggestions by hand: for one student, one opening, or everything."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marketplace.services.recompute import recompute_start
from marketplace.services.suggestions import (
    suggestions_refresh_all,
    suggestions_refresh_for_opening,
    suggestions_refresh_for_student,
)


class Command(BaseCommand):
    help = "Herbereken de suggesties (matches) voor een student, een plek of alles."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--student", type=int, help="id van het studentprofiel")
        group.add_argument("--opening", type=int, help="id van de plek")
        group.add_argument("--all", action="store_true", help="alle studenten en open plekken")
        parser.add_argument("--k", type=int, default=None, help="hoeveel suggesties bewaren")
        parser.add_argument(
            "--spread",
            action="store_true",
            help="met --all: verdeel het werk in stukken over de Celery-workers",
        )

    def handle(self, *args, **options):
        k = options["k"]
        if k is not None and not 1 <= k <= 500:
            raise CommandError("--k moet tussen 1 en 500 liggen.")
        if options["student"] is not None:
            self._one("student", options["student"], suggestions_refresh_for_student, k)
        elif options["opening"] is not None:
            self._one("opening", options["opening"], suggestions_refresh_for_opening, k)
        elif options["spread"]:
            run = recompute_start()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Herberekening {run.pk} gestart in {run.chunks_total} stukken; "
                    "de workers pakken ze op (wachtrij 'recompute')."
                )
            )
        else:
            summary = suggestions_refresh_all(
                k=k, progress=lambda items: tqdm(items, desc="rangschikken", unit="stuk")
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{summary['students']} studenten en {summary['openings']} plekken "
                    f"gerangschikt; {summary['stored']} suggesties bewaard."
                )
            )

    def _one(self, kind: str, pk: int, refresh, k):
        from employers.models import Opening
        from marketplace.models import StudentProfile

        model = StudentProfile if kind == "student" else Opening
        if not model.objects.filter(pk=pk).exists():
            raise CommandError(f"Geen {kind} met id {pk}.")
        stored = refresh(**{f"{kind}_id": pk, "k": k})
        self.stdout.write(self.style.SUCCESS(f"{stored} suggesties bewaard voor {kind} {pk}."))
        from marketplace.models import Suggestion

        direction = "student" if kind == "student" else "opening"
        rows = (
            Suggestion.objects.filter(direction=direction, **{kind + "_id": pk})
            .select_related("opening", "student__user")
            .order_by("rank")[:10]
        )
        for row in rows:
            label = row.opening.title if kind == "student" else f"student {row.student_id}"
            self.stdout.write(f"{row.rank:>3}. {row.score:5.1f}  {label}")
