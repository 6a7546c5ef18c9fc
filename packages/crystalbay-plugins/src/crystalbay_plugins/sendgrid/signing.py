"""ECDSA (P-256, SHA-256) as SendGrid signs its Event Webhook.

The account's public key is a base64 DER SubjectPublicKeyInfo (it starts ``MFkwEwYHKoZIzj0C``);
a PEM block is accepted too. The signed message is the timestamp header's bytes followed by
the exact raw request body, and the signature is base64 of a DER ``SEQUENCE{r, s}``.
"""

from __future__ import annotations

import base64
import binascii
import functools

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

from crystalbay.errors import ConfigurationError

__all__ = ["load_public_key", "verify_signature"]

_SETTING = "SENDGRID_EVENTS_PUBLIC_KEY"


@functools.lru_cache(maxsize=8)
def load_public_key(text: str) -> ec.EllipticCurvePublicKey:
    """Load the Event Webhook verification key (base64 DER, or PEM).

    Raises:
        ConfigurationError: The value is not a P-256 public key; names the setting.
    """
    try:
        if "-----BEGIN" in text:
            key = load_pem_public_key(text.strip().encode())
        else:
            der = base64.b64decode("".join(text.split()), validate=True)
            key = load_der_public_key(der)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ConfigurationError(
            f"{_SETTING} is not a public key: paste the value SendGrid shows under "
            "Settings → Mail Settings → Signed Event Webhook (base64, starts with MFkwEwYH)",
            field=_SETTING,
        ) from exc
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise ConfigurationError(f"{_SETTING} must be a P-256 (secp256r1) key", field=_SETTING)
    return key


def verify_signature(
    key: ec.EllipticCurvePublicKey, signature: str, timestamp: str, body: bytes
) -> bool:
    """True when ``signature`` (base64 DER) signs ``timestamp`` + ``body`` under ``key``."""
    try:
        raw_signature = base64.b64decode(signature.strip(), validate=True)
        key.verify(raw_signature, timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True
