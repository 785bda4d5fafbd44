"""A mail backend for fault tests: Django's file backend, slowed down as a distant mail server would be.

Each message takes SLOW_MAIL_SECONDS before the "server" has it (written and flushed to the file), so a
worker killed while sending is almost surely killed before a message is taken, not after.
"""

from __future__ import annotations

import os
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("file_path", os.environ["EMAIL_FILE_PATH"])
        super().__init__(*args, **kwargs)

    def write_message(self, message: object) -> None:
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.3")))
        super().write_message(message)
