"""Strict JSON schemas derived from msgspec Structs."""

from __future__ import annotations

from typing import Annotated

import msgspec
import pytest

from crystalbay.domain import Intent
from crystalbay_plugins.openai.models import AnalysisOut, DraftOut
from crystalbay_plugins.openai.schema import response_format, strict_schema
from crystalbay_plugins.openai.testing.schema_check import (
    instance_problems,
    minimal_instance,
    strict_problems,
)


class Inner(msgspec.Struct):
    note: str | None
    count: int = 3


class Outer(msgspec.Struct, kw_only=True):
    """An outer value."""

    intent: Intent
    inner: Inner
    items: list[Inner]
    tags: tuple[str, ...] = ()
    score: Annotated[int, msgspec.Meta(ge=0, le=100, description="0-100")]


def _objects(node: object) -> list[dict[str, object]]:
    """Every object schema inside ``node``."""
    found: list[dict[str, object]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_objects(value))
    return found


@pytest.mark.parametrize("type_", [AnalysisOut, DraftOut, Outer])
def test_every_object_is_closed_and_requires_all_properties(type_: type[msgspec.Struct]) -> None:
    schema = strict_schema(type_)

    assert schema["type"] == "object"
    assert "$ref" not in schema  # the root is inlined: strict mode wants an object root
    objects = _objects(schema)
    assert objects
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])  # type: ignore[call-overload]
    assert strict_problems(schema) == []


def test_defaults_become_required_and_optionals_nullable() -> None:
    schema = strict_schema(Outer)
    inner = schema["$defs"]["Inner"]

    assert "tags" in schema["required"]
    assert inner["required"] == ["note", "count"]
    assert inner["properties"]["note"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert "default" not in inner["properties"]["count"]


def test_unsettled_keywords_are_dropped_and_descriptions_kept() -> None:
    schema = strict_schema(Outer)

    assert schema["properties"]["score"] == {"description": "0-100", "type": "integer"}
    assert schema["description"] == "An outer value."
    assert "title" not in schema
    assert schema["$defs"]["Intent"]["type"] == "string"
    assert set(schema["$defs"]["Intent"]["enum"]) == {i.value for i in Intent}


@pytest.mark.parametrize("type_", [AnalysisOut, DraftOut, Outer])
def test_the_simplest_conforming_answer_decodes_into_the_struct(
    type_: type[msgspec.Struct],
) -> None:
    schema = strict_schema(type_)
    instance = minimal_instance(schema, schema)

    assert instance_problems(instance, schema, schema) == []
    assert isinstance(msgspec.convert(instance, type=type_), type_)


def test_free_form_mappings_cannot_be_strict() -> None:
    class Mapping(msgspec.Struct):
        confidence: dict[str, float]

    with pytest.raises(TypeError, match="free-form mappings"):
        strict_schema(Mapping)


def test_fixed_tuples_cannot_be_strict() -> None:
    class Pair(msgspec.Struct):
        pair: tuple[int, str]

    with pytest.raises(TypeError, match="fixed-length tuples"):
        strict_schema(Pair)


def test_response_format_is_the_strict_json_schema_form() -> None:
    fmt = response_format("analysis", AnalysisOut)

    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "analysis"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"] == strict_schema(AnalysisOut)


@pytest.mark.parametrize("name", ["", "has space", "x" * 65, "ümlaut"])
def test_response_format_names_follow_the_api_rule(name: str) -> None:
    with pytest.raises(ValueError, match="must match"):
        response_format(name, DraftOut)
