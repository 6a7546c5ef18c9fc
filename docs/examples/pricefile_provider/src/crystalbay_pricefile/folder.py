"""The folder of price files: read on demand, parsed again only when a file changed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from crystalbay.errors import IntegrationUnavailable

from crystalbay_pricefile.config import PLUGIN
from crystalbay_pricefile.csv_format import parse_csv
from crystalbay_pricefile.json_format import parse_json
from crystalbay_pricefile.rows import PriceRow

__all__ = ["PARSERS", "PriceFolder"]

PARSERS = {".csv": parse_csv, ".json": parse_json}
"""File suffix -> parser; other files in the folder (README, archives) are ignored."""

_Signature = tuple[tuple[str, int, int], ...]


class PriceFolder:
    """All price rows of the files in ``path``.

    Args:
        path: The folder (``PRICEFILE_DIR``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._signature: _Signature | None = None
        self._rows: tuple[PriceRow, ...] = ()
        self._files: tuple[str, ...] = ()
        self._lock = asyncio.Lock()

    @property
    def files(self) -> tuple[str, ...]:
        """Names of the price files read last time."""
        return self._files

    async def rows(self) -> tuple[PriceRow, ...]:
        """Every row, re-reading the files when one was added, changed or removed.

        Raises:
            IntegrationUnavailable: The folder cannot be read (missing, not mounted, denied).
            IntegrationProtocolError: A file cannot be read as a price list.
        """
        async with self._lock:
            signature = await asyncio.to_thread(self._scan)
            if signature != self._signature:
                self._rows = await asyncio.to_thread(self._read, signature)
                self._signature = signature
                self._files = tuple(name for name, _, _ in signature)
            return self._rows

    def _scan(self) -> _Signature:
        try:
            entries = sorted(self.path.iterdir())
            files = [p for p in entries if p.suffix.lower() in PARSERS and p.is_file()]
            return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        except OSError as exc:
            raise self._unavailable(exc) from exc

    def _read(self, signature: _Signature) -> tuple[PriceRow, ...]:
        rows: list[PriceRow] = []
        for name, _, _ in signature:
            try:
                data = (self.path / name).read_bytes()
            except OSError as exc:
                raise self._unavailable(exc) from exc
            rows.extend(PARSERS[Path(name).suffix.lower()](name, data))
        return tuple(rows)

    def _unavailable(self, exc: OSError) -> IntegrationUnavailable:
        return IntegrationUnavailable(
            f"cannot read the price folder {str(self.path)!r} ({exc.strerror or exc}); check "
            "PRICEFILE_DIR and that the folder (or network share) is mounted and readable",
            integration=PLUGIN,
        )
