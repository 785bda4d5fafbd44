from django.core.management.base import BaseCommand, CommandError

from vault.verify import verify_all


class Command(BaseCommand):
    help = "Check that every response and identity decrypts (destroyed identity keys are reported, not errors)."

    def handle(self, *args: object, **options: object) -> None:
        report = verify_all()
        self.stdout.write(
            f"responses: {report.responses} ok; identities: {report.identities} ok; "
            f"identities destroyed by retention: {report.shredded}"
        )
        if report.failures:
            raise CommandError(f"{len(report.failures)} record(s) do not decrypt: " + ", ".join(report.failures[:20]))
        self.stdout.write(self.style.SUCCESS("Every record decrypts."))
