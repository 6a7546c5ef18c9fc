"""Settings of the ACME provider."""

from __future__ import annotations

from typing import Annotated

import msgspec


# --8<-- [start:config]
class AcmeConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Where the ACME search API lives and how to call it."""

    api_url: str
    api_key: str
    timeout: Annotated[float, msgspec.Meta(gt=0)] = 20.0

    def __repr__(self) -> str:
        return f"AcmeConfig(api_url={self.api_url!r}, api_key='****', timeout={self.timeout!r})"


# --8<-- [end:config]
