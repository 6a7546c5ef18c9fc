"""The fake portal's data: users, contacts, deals, pipelines, stages and timeline comments.

Values are kept the way Bitrix returns them: strings (``"ID": "5"``), ``Y``/``N`` flags,
ISO dates with an offset, multifields as lists of ``{ID, VALUE_TYPE, VALUE, TYPE_ID}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime

__all__ = ["DEFAULT_STAGES", "MULTIFIELDS", "Portal"]

MULTIFIELDS = ("PHONE", "EMAIL", "WEB", "IM", "LINK")

DEFAULT_STAGES: tuple[tuple[str, str, int, str], ...] = (
    ("NEW", "Новая", 10, ""),
    ("PREPARATION", "Подготовка документов", 20, ""),
    ("PREPAYMENT_INVOICE", "Счёт на предоплату", 30, ""),
    ("EXECUTING", "В работе", 40, ""),
    ("FINAL_INVOICE", "Финальный счёт", 50, ""),
    ("WON", "Сделка успешна", 60, "S"),
    ("LOSE", "Сделка провалена", 70, "F"),
    ("APOLOGY", "Анализ причины провала", 80, "F"),
)
"""Stages of the default pipeline and of every new one (contract uncertain item 5)."""


class Portal:
    """In-memory CRM data of one portal (callers hold the server's lock)."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        self.now = now or (lambda: datetime.now(UTC))
        self.users: dict[int, str] = {1: "Portal Admin"}
        self.contacts: dict[int, dict[str, object]] = {}
        self.deals: dict[int, dict[str, object]] = {}
        self.categories: dict[int, dict[str, object]] = {}
        self.statuses: list[dict[str, object]] = []
        self.comments: list[dict[str, object]] = []
        self._counters: dict[str, int] = {}
        self.seed_stages(0)

    def next_id(self, kind: str) -> int:
        """The next auto-increment id of ``kind``."""
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return self._counters[kind]

    def stamp(self) -> str:
        """The current time as Bitrix writes it (``2024-05-23T18:18:25+02:00``)."""
        return self.now().isoformat(timespec="seconds")

    def add_user(self, name: str) -> int:
        """Add an employee; returns the user id."""
        user_id = max(self.users) + 1
        self.users[user_id] = name
        return user_id

    # -- pipelines -------------------------------------------------------------------------

    def seed_stages(self, category_id: int) -> None:
        """Give a pipeline the default stages (``C<n>:`` prefixed for n > 0)."""
        for code, name, sort, semantics in DEFAULT_STAGES:
            self.add_status(self.stage_entity(category_id), code, name, sort, semantics)

    @staticmethod
    def stage_entity(category_id: int) -> str:
        """``DEAL_STAGE`` or ``DEAL_STAGE_<n>``."""
        return f"DEAL_STAGE_{category_id}" if category_id else "DEAL_STAGE"

    def add_status(self, entity: str, status_id: str, name: str, sort: int, semantics: str) -> int:
        """Insert a directory row; a deal stage of pipeline n gets the ``C<n>:`` prefix."""
        category = int(entity.rsplit("_", 1)[1]) if entity.startswith("DEAL_STAGE_") else 0
        prefix = f"C{category}:" if category else ""
        if prefix and not status_id.startswith(prefix):
            status_id = prefix + status_id
        row_id = self.next_id("status")
        self.statuses.append(
            {
                "ID": str(row_id),
                "ENTITY_ID": entity,
                "STATUS_ID": status_id,
                "NAME": name,
                "NAME_INIT": name,
                "SORT": str(sort),
                "SYSTEM": "N",
                "CATEGORY_ID": str(category),
                "COLOR": "#39A8EF",
                "SEMANTICS": semantics or None,
                "EXTRA": {"SEMANTICS": {"S": "success", "F": "failure"}.get(semantics, "process")},
            }
        )
        return row_id

    def stages_of(self, category_id: int) -> list[dict[str, object]]:
        """The pipeline's stages in board order."""
        entity = self.stage_entity(category_id)
        rows = [s for s in self.statuses if s["ENTITY_ID"] == entity]
        return sorted(rows, key=lambda s: int(str(s["SORT"])))

    # -- entities --------------------------------------------------------------------------

    def write(self, entity: dict[str, object], fields: Mapping[str, object]) -> None:
        """Apply ``fields`` to an entity: scalars as strings, multifields per contract 1.6."""
        for key, value in fields.items():
            name = key.upper()
            if name in MULTIFIELDS:
                entity[name] = self._multifield(name, entity.get(name), value)
            elif name in ("CONTACT_IDS", "COMPANY_IDS"):
                items = value if isinstance(value, list) else [value]
                entity[name] = [int(str(v)) for v in items if str(v).strip()]
            elif name != "ID":
                entity[name] = None if value is None else str(value)
        entity["DATE_MODIFY"] = self.stamp()

    def _multifield(self, type_id: str, current: object, value: object) -> list[dict[str, object]]:
        items = [dict(i) for i in current] if isinstance(current, list) else []
        for change in value if isinstance(value, list) else []:
            if not isinstance(change, dict):
                continue
            item_id = str(change.get("ID") or "")
            new_value = str(change.get("VALUE") or "")
            if not item_id:
                if new_value:
                    items.append(self._new_item(type_id, new_value, change.get("VALUE_TYPE")))
                continue
            existing = next((i for i in items if i["ID"] == item_id), None)
            if existing is None:
                continue
            # Deleted with DELETE=Y, an empty VALUE, or a bare {ID} (contract uncertain item 8).
            if str(change.get("DELETE", "")).upper() == "Y" or not new_value:
                items.remove(existing)
            else:
                existing["VALUE"] = new_value
                existing["VALUE_TYPE"] = str(change.get("VALUE_TYPE") or existing["VALUE_TYPE"])
        return items

    def _new_item(self, type_id: str, value: str, value_type: object) -> dict[str, object]:
        return {
            "ID": str(self.next_id("multifield")),
            "VALUE_TYPE": str(value_type or "WORK"),
            "VALUE": value,
            "TYPE_ID": type_id,
        }
