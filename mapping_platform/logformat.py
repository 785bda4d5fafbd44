"""Log formatting that never writes an exception's message.

An exception raised while handling decrypted data may carry that data in its message
(a ValueError quoting an answer, a KeyError naming a worker). Logs keep the type and
the stack (files, lines, functions), which is what debugging needs, and drop the text.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class RedactingFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:
        etype, value, tb = ei
        lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
        cause = value.__cause__ or value.__context__
        while cause is not None:
            lines.insert(0, f"(caused by {type(cause).__module__}.{type(cause).__qualname__}, message withheld)\n")
            cause = cause.__cause__ or cause.__context__
        lines.append(f"{etype.__module__}.{etype.__qualname__}: [message withheld]")
        return "".join(lines)
