"""diary: a private, offline diary of muscle spasms, intake and chiropractic adjustments."""

from __future__ import annotations

__version__ = "0.1.0"
