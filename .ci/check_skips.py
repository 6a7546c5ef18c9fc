"""Fail when the PostgreSQL or Redis variants of the tests were skipped or did not run."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

REQUIRED = ("postgres", "redis")


def main(path: str) -> int:
    """Read a JUnit report; return 1 when a required backend was skipped or never ran."""
    root = ET.parse(path).getroot()  # noqa: S314 - our own pytest's report
    ran: dict[str, int] = dict.fromkeys(REQUIRED, 0)
    problems: list[str] = []
    for case in root.iter("testcase"):
        name = case.get("name", "")
        for backend in REQUIRED:
            if f"[{backend}" in name or f"-{backend}]" in name or f"-{backend}-" in name:
                if case.find("skipped") is not None:
                    problems.append(f"skipped: {case.get('classname')}::{name}")
                else:
                    ran[backend] += 1
    for backend, count in ran.items():
        if count == 0:
            problems.append(f"no {backend} variant of any test ran")
        print(f"{backend} variants run: {count}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
