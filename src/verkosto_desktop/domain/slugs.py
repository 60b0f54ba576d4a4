"""Names made into plain ASCII words for file names and catalogue keys ("Sähkökatko" →
"sahkokatko"): lower case, letters with accents without them, anything else a separator."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, separator: str = "-", empty: str = "document") -> str:
    """``text`` as lower-case ASCII words joined with ``separator``; ``empty`` when nothing is
    left (a name of Sámi or other letters only)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator) or empty
