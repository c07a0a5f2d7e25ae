"""Print the current second-factor code of a demo staff login (see demo/second_factor.py)."""

from django.core.management.base import BaseCommand, CommandError

from demo.second_factor import current_code


class Command(BaseCommand):
    help = "De code van nu voor de tweede stap van een demo-medewerker (bijv. jobhunter@demo.nl)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        code = current_code(email)
        if code is None:
            raise CommandError(f"{email} heeft geen demo-app voor de tweede stap.")
        self.stdout.write(code)
