"""The engine index files every process maps: build a version (at deploy), show, tidy up."""

import json

from django.core.management.base import BaseCommand, CommandError

from marketplace.services.engine_index import engine_index_build, index_dir, index_status
from matching.engine import store


class Command(BaseCommand):
    help = "Bouw of toon de bestanden van de index van plekken die elk proces deelt."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--build", action="store_true", help="schrijf een nieuwe versie en zet die in dienst"
        )
        group.add_argument(
            "--refresh",
            action="store_true",
            help="alleen bouwen als er wijzigingen zijn die de versie in dienst nog mist",
        )
        group.add_argument(
            "--cleanup", action="store_true", help="ruim oude versies na de wachttijd op"
        )

    def handle(self, *args, **options):
        if options["build"] or options["refresh"]:
            result = engine_index_build(force=options["build"])
            if result is None and index_dir() is None:
                raise CommandError("ENGINE_INDEX_DIR is leeg: bestanden staan uit.")
            if result is None:
                self.stdout.write("Niets te doen: de versie in dienst is bij.")
                return
            self.stdout.write(
                self.style.SUCCESS(
                    f"Versie {result['version']} in dienst: {result['openings']} plekken, "
                    f"{result['megabytes']} MB, in {result['seconds']} s."
                )
            )
            return
        if options["cleanup"]:
            directory = index_dir()
            removed = store.cleanup(directory) if directory else []
            self.stdout.write(f"{len(removed)} oude versie(s) opgeruimd.")
            return
        self.stdout.write(json.dumps(index_status(), indent=2))
