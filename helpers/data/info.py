"""What a loader loaded and from where: the one line each load prints, kept on the result."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from helpers import messages
from helpers.data.handlers import Located


@dataclass(frozen=True)
class LoadInfo(Located):
    """Provenance of a load: where the dataset was found (``Located``), plus what was loaded from it."""

    loaded: int = 0
    cached: bool = False
    skipped: tuple[str, ...] = field(default=())
    line: str = ""

    def __str__(self) -> str:
        return self.line


def load_info(located: Located, *, what: str, loaded: int, cached: bool = False,
              skipped: tuple[str, ...] = ()) -> LoadInfo:
    """Build the LoadInfo and its line: '<what> · from <folder> (<source>) [· partial copy ...]'."""
    line = f"{what} · {located.describe()}"
    if skipped:
        line += " · " + messages.text("info.skipped", count=len(skipped))
    if cached:
        line += " · " + messages.text("info.cached")
    where = {f.name: getattr(located, f.name) for f in dataclasses.fields(Located)}
    return LoadInfo(**where, loaded=loaded, cached=cached, skipped=tuple(skipped), line=line)
