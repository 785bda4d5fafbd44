from django.core.management.base import BaseCommand

from vault.envelope import rewrap_all_data_keys
from vault.keys import current_master_key


class Command(BaseCommand):
    help = (
        "Rewrap every data key under the newest master key (the first in VAULT_MASTER_KEYS). "
        "Afterwards the older keys can be removed from the configuration."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = rewrap_all_data_keys()
        self.stdout.write(self.style.SUCCESS(f"Rewrapped {count} data key(s) under {current_master_key().kid}."))
