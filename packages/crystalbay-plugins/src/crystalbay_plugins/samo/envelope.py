"""Decode SAMO's JSON envelope: ``{"<action>": payload}`` on success, error objects otherwise.

The client rule used in the wild: the call failed if the top level has ``error``, if the
action key is missing, or if the payload under it is an object containing ``error`` (the code
is usually ``0``, so presence counts, not truth).
"""

from __future__ import annotations

from typing import TypeVar

import msgspec

from crystalbay_plugins.samo import faults
from crystalbay_plugins.samo.models import ApiError

__all__ = ["decode_envelope"]

T = TypeVar("T")

_Envelope = dict[str, msgspec.Raw]


def decode_envelope(body: bytes, action: str, type_: type[T], integration: str) -> T:
    """Return the payload of ``action`` decoded as ``type_``.

    Raises:
        IntegrationRejected: The operator answered with an error object it will repeat.
        IntegrationUnavailable: The operator reported an internal error.
        IntegrationProtocolError: The body is not a SAMO envelope or the payload has the
            wrong shape.
    """
    top = _decode(body, _Envelope, action, integration)
    if "error" in top:
        raise _top_error(top["error"], action, integration)
    raw = _find(top, action)
    if raw is None:
        api = top.get("api")
        if api is not None:
            raise _api_error(api, action, integration)
        raise faults.protocol(action, f"no {action!r} key in the answer", integration)
    _raise_embedded_error(raw, action, integration)
    return _decode(raw, type_, action, integration)


def _find(top: _Envelope, action: str) -> msgspec.Raw | None:
    if action in top:
        return top[action]
    # PHP resolves methods case-insensitively; tolerate an echo in another case.
    folded = {key.lower(): value for key, value in top.items()}
    return folded.get(action.lower())


def _decode(raw: bytes | msgspec.Raw, type_: type[T], action: str, integration: str) -> T:
    try:
        return msgspec.json.decode(raw, type=type_, strict=False)
    except msgspec.ValidationError as exc:
        raise faults.protocol(action, str(exc), integration) from exc
    except msgspec.DecodeError as exc:
        raise faults.protocol(action, "the body is not JSON", integration) from exc


def _raise_embedded_error(raw: msgspec.Raw, action: str, integration: str) -> None:
    if not bytes(raw).lstrip().startswith(b"{"):
        return
    keys = _decode(raw, _Envelope, action, integration)
    if "error" in keys:
        raise _api_error(raw, action, integration)


def _api_error(raw: msgspec.Raw, action: str, integration: str) -> Exception:
    try:
        error = msgspec.json.decode(raw, type=ApiError, strict=False)
    except msgspec.DecodeError:
        error = ApiError(message=bytes(raw).decode(errors="replace")[:200])
    message = error.message or _code_message(error)
    return faults.api_error(error.action or action, message, integration)


def _code_message(error: ApiError) -> str:
    # A SearchTour_PRICES payload may carry the search procedure's numeric code and
    # errorParam; their meanings are not documented [UNC], so both are reported verbatim.
    param = f", errorParam {error.error_param!r}" if error.error_param not in (None, "") else ""
    return f"search error code {error.error!r}{param}"


def _top_error(raw: msgspec.Raw, action: str, integration: str) -> Exception:
    text = bytes(raw).lstrip()
    if text.startswith(b"{"):  # version 2.0: {"error": {"action": ..., "message": ...}}
        return _api_error(raw, action, integration)
    try:
        message = msgspec.json.decode(raw, type=str, strict=False)
    except msgspec.DecodeError:  # ValidationError included
        message = text.decode(errors="replace")
    return faults.top_level_error(message, integration)
