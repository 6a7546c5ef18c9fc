"""Hypothesis strategies for domain values (requires the ``testing`` extra)."""

from __future__ import annotations

from hypothesis import strategies as st

from crystalbay.domain.pipeline import Outcome, Stage

__all__ = ["emails", "kz_phones", "outcomes", "phone_spellings", "stages"]

stages = st.sampled_from(list(Stage))
"""Any pipeline stage."""

outcomes = st.sampled_from(list(Outcome))
"""Any outcome."""

kz_phones = st.builds(
    lambda operator, rest: f"+7{operator}{rest:07d}",
    st.sampled_from(["700", "701", "702", "705", "707", "747", "771", "775", "777", "778"]),
    st.integers(min_value=0, max_value=9_999_999),
)
"""Valid Kazakh mobile numbers in E.164."""


def _spell(e164: str, style: int) -> str:
    digits = e164[2:]
    if style == 0:
        return e164
    if style == 1:
        return f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
    if style == 2:  # noqa: PLR2004
        return f"+7 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
    return f"  7{digits}  "


phone_spellings = st.builds(_spell, kz_phones, st.integers(min_value=0, max_value=3))
"""The same numbers as people type them (8-prefix, brackets, spaces)."""

_local = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789._+-", min_size=1, max_size=20
).filter(lambda s: not s.startswith(".") and not s.endswith(".") and ".." not in s)
_domain = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
    min_size=1,
    max_size=3,
).map(".".join)


def _email(local: str, domain: str, tld: str, upper: bool) -> str:  # noqa: FBT001
    address = f"{local}@{domain}.{tld}"
    return address.upper() if upper else address


emails = st.builds(
    _email,
    _local,
    _domain,
    st.sampled_from(["com", "kz", "ru", "org", "travel"]),
    st.booleans(),
)
"""Valid e-mail addresses, sometimes upper-cased."""
