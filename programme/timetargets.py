from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ParsedTimeTarget:
    text: str
    start: date | None = None
    end: date | None = None

    @property
    def recognised(self) -> bool:
        return self.start is not None


def parse_time_target(text: str) -> ParsedTimeTarget:
    return ParsedTimeTarget(text=text)
