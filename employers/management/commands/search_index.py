"""Manage the openings' search index: rebuild it behind its alias, reconcile it, flush marks."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from employers.models import Opening
from employers.search import get_backend
from employers.search.sync import search_flush, search_pending


class Command(BaseCommand):
    help = (
        "--rebuild: index every open opening into a new index and switch the alias to it in one "
        "step (searches keep working meanwhile); --reconcile: fix what drifted; --flush: index "
        "the changes marked for the debounced indexing now."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument("--rebuild", action="store_true")
        actions.add_argument("--reconcile", action="store_true")
        actions.add_argument("--flush", action="store_true")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        backend = get_backend()
        if options["rebuild"]:
            self._rebuild(backend, quiet=options["no_progress"])
        elif options["reconcile"]:
            fixed = backend.reconcile()
            self.stdout.write("added {added}, updated {updated}, removed {removed}".format(**fixed))
        else:
            pending = search_pending()
            self.stdout.write(f"{search_flush()} of {pending} marked openings indexed")

    def _rebuild(self, backend, *, quiet: bool) -> None:
        total = Opening.objects.filter(status=Opening.Status.OPEN).count()
        with tqdm(
            total=total, unit="opening", disable=quiet, file=self.stderr._out, dynamic_ncols=True
        ) as bar:
            try:
                count = backend.rebuild(progress=bar.update)
            except Exception as exc:
                raise CommandError(
                    f"Rebuild failed; searches still use the previous index: {exc}"
                ) from exc
            bar.update(max(0, count - bar.n))  # the embedded backend has nothing to write
        self.stdout.write(f"{count} openings indexed")
