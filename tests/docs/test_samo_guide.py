"""The SAMO guide quotes what the hub really raises for the operator's error answers.

Each row of the "Errors inside HTTP 200" table is decoded with the hub's SAMO envelope decoder;
the 403 body shown under "IP whitelisting" (``docs/examples/integrations``) goes through the
HTTP error mapping.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crystalbay import errors
from crystalbay_plugins.samo import faults
from crystalbay_plugins.samo.envelope import decode_envelope

ROOT = Path(__file__).parents[2]
GUIDE = (ROOT / "docs" / "integrations" / "samo.md").read_text()
BLACKLISTED = ROOT / "docs" / "examples" / "integrations" / "samo_blacklisted.json"
ROW = re.compile(
    r'^\| `(?P<action>\w+)` \| `(?P<body>\{.*\})` \| `(?P<error>\w+)` "(?P<message>.+)" \|$'
)


def _rows() -> list[re.Match[str]]:
    section = GUIDE.split("## Errors inside HTTP 200", 1)[1].split("\n## ", 1)[0]
    return [m for line in section.splitlines() if (m := ROW.match(line))]


def test_the_table_has_rows() -> None:
    assert len(_rows()) >= 8


@pytest.mark.parametrize("row", _rows(), ids=lambda m: m["body"][:40])
def test_each_answer_raises_the_documented_error(row: re.Match[str]) -> None:
    with pytest.raises(errors.IntegrationError) as caught:
        decode_envelope(row["body"].encode(), row["action"], object, "samo")

    assert type(caught.value) is getattr(errors, row["error"])
    shown = row["message"].removesuffix("...").removesuffix(": ")
    assert caught.value.detail.startswith(shown), caught.value.detail


def test_the_403_body_names_the_address_the_operator_saw() -> None:
    error = faults.http_error(403, BLACKLISTED.read_text(), "", None, "samo")

    assert isinstance(error, errors.IntegrationRejected)
    assert error.detail.startswith(
        "samo: the operator refused our IP address 35.190.139.72 (blacklisted address)"
    )
    assert error.detail in GUIDE.replace("\n", " ").replace("`", "")
