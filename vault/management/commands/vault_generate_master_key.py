from django.core.management.base import BaseCommand

from vault.keys import generate_master_key_entry


class Command(BaseCommand):
    help = "Print a new vault master key entry (kid:base64) to put first in VAULT_MASTER_KEYS."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--kid", help="Key id (default: random).")

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(generate_master_key_entry(options.get("kid")))  # type: ignore[arg-type]
