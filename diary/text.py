"""Text from the diary shown to a person: control characters written out, never acting.

A note, a provider, a trigger or a food name can hold escape sequences or bidi overrides.
The terminal (diary.cli.terminal) and the phone page (diary.web) show them the same way,
as `\\x1b`, `\\x9b` or `\\u202e`; the data keep them. Standard library only.
"""

from __future__ import annotations

import re

# C0 controls except line feed and tab, DEL, C1 controls, and the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character written out (`\\x1b`), line feeds and tabs kept."""
    return CONTROL.sub(_shown, text)
