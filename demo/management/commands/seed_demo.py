"""Load the demo region (Arbeidsmarktregio Groningen plus a small Drenthe), idempotently.

Place names and coordinates: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo import GEONAMES_CREDIT, report
from demo.run import analyze, seed


class Command(BaseCommand):
    help = (
        "Laad de demoregio (idempotent: nog een keer draaien voegt niets dubbel toe). "
        "Met --openings en --students maak je de regio groter voor load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--openings", type=int, default=0, help="minstens zoveel plekken (standaard: de demo)"
        )
        parser.add_argument(
            "--students", type=int, default=0, help="minstens zoveel studenten (standaard: 300)"
        )
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk tonen")

    def handle(self, *args, **options):
        if options["openings"] < 0 or options["students"] < 0:
            raise CommandError("--openings en --students moeten 0 of groter zijn.")
        quiet = options["no_progress"] or options["verbosity"] < 1

        def progress(total: int, desc: str):
            return tqdm(total=total, desc=desc, unit=" stuks", disable=quiet, leave=False)

        result = seed(openings=options["openings"], students=options["students"], progress=progress)
        analyze()
        self._rebuild_search_index()
        from marketplace.services.engine_index import engine_index_build

        engine_index_build()  # the index files every process maps (none with files switched off)
        if options["verbosity"] >= 1:
            self.stdout.write(
                report.render(report.row_counts(), report.users_per_role(), result.seconds)
            )
        else:
            self.stdout.write(GEONAMES_CREDIT)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demoregio geladen: {result.employers_written} werkgevers, "
                f"{result.openings_written} plekken en {result.students_written} studenten nieuw."
            )
        )

    def _rebuild_search_index(self) -> None:
        """The embedded search reads the database; Elasticsearch needs the new openings."""
        if getattr(settings, "SEARCH_BACKEND", "embedded") != "elasticsearch":
            return
        from employers.search import get_backend

        indexed = get_backend().rebuild()
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {indexed} open plekken.")
