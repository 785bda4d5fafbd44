from django.core.management.base import BaseCommand

from engagements.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the fictional demo organisation, users and engagement (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo ready. Sign in at http://127.0.0.1:8000/ with:"))
        width = max(len(email) for email, _ in logins)
        for email, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {role}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
