"""Pure parts: bracket parameters, configuration, the stage map, the leaky bucket."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crystalbay.domain.pipeline import STAGES, Outcome, Stage
from crystalbay.errors import ConfigurationError
from crystalbay_plugins.bitrix24.config import SETTINGS, BitrixConfig
from crystalbay_plugins.bitrix24.params import flatten, parse_form, to_lists, to_query
from crystalbay_plugins.bitrix24.ratelimit import LeakyBucket
from crystalbay_plugins.bitrix24.stages import (
    STAGE_CODES,
    StageMap,
    deal_outcome_to_local,
    deal_stage_to_local,
    parse_stage_map,
)
from crystalbay_plugins.bitrix24.testing import ServerBucket

URL = "https://crystalbay.bitrix24.kz/rest/1/8g9l071eismy9q2l/"
MAP = StageMap(
    category_id=3,
    stages={s: f"C3:{STAGE_CODES[s]}" for s in STAGES},
    won="C3:WON",
    lost="C3:LOSE",
)

# -- PHP-style parameters -------------------------------------------------------------------


def test_nested_parameters_are_flattened_with_brackets() -> None:
    params = {
        "fields": {"TITLE": "A & B", "PHONE": [{"VALUE": "+7 701", "VALUE_TYPE": "WORK"}]},
        "id": 5,
        "flag": True,
        "empty": None,
    }

    assert flatten(params) == [
        ("fields[TITLE]", "A & B"),
        ("fields[PHONE][0][VALUE]", "+7 701"),
        ("fields[PHONE][0][VALUE_TYPE]", "WORK"),
        ("id", "5"),
        ("flag", "1"),
        ("empty", ""),
    ]
    assert "A+%26+B" in to_query(params)


def test_a_form_body_nests_and_appends_like_parse_str() -> None:
    tree = parse_form(b"a[b][]=1&a[b][]=2&a[c]=x%26y&event=ONCRMDEALUPDATE")

    assert tree == {"a": {"b": {"0": "1", "1": "2"}, "c": "x&y"}, "event": "ONCRMDEALUPDATE"}
    assert to_lists(tree["a"]) == {"b": ["1", "2"], "c": "x&y"}


@pytest.mark.parametrize("body", ["a[b=1", "a]=1", "a=1&a[b]=2", "a[b]=2&a=1", "[x]=1"])
def test_malformed_or_clashing_keys_are_refused(body: str) -> None:
    with pytest.raises(ValueError, match="parameter"):
        parse_form(body)


_keys = st.text(alphabet="ABCDEFGHIJ_xyz", min_size=1, max_size=6)
_tree = st.recursive(
    st.text(max_size=8),
    lambda inner: st.dictionaries(_keys, inner, min_size=1, max_size=4),
    max_leaves=12,
)


@settings(max_examples=40)
@given(st.dictionaries(_keys, _tree, max_size=4))
def test_flatten_then_parse_round_trips(params: dict[str, object]) -> None:
    assert parse_form(to_query(params)) == params


# -- configuration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [URL, URL.rstrip("/"), URL + "profile.json", URL.replace("https", "http")],
)
def test_the_webhook_url_is_split_into_base_user_and_code(url: str) -> None:
    endpoint = BitrixConfig(webhook_url=url).endpoint()

    assert endpoint.base.endswith("/rest/1/8g9l071eismy9q2l")
    assert endpoint.user_id == 1
    assert endpoint.code == "8g9l071eismy9q2l"


@pytest.mark.parametrize(
    "url", ["crystalbay.bitrix24.kz/rest/1/x/", "https://x.bitrix24.kz/rest/", "ftp://x/rest/1/c/"]
)
def test_a_wrong_webhook_url_names_the_setting(url: str) -> None:
    with pytest.raises(ConfigurationError, match="BITRIX_WEBHOOK_URL") as caught:
        BitrixConfig(webhook_url=url)
    assert caught.value.field == "BITRIX_WEBHOOK_URL"


def test_repr_hides_the_webhook_code_and_the_token() -> None:
    config = BitrixConfig(webhook_url=URL, application_token="supersecrettoken42")

    text = repr(config) + repr(config.endpoint())

    assert "8g9l071eismy9q2l" not in text
    assert "supersecrettoken42" not in text
    assert "9q2l" in text  # the last four characters help to tell webhooks apart
    assert {"webhook_url", "application_token"} <= SETTINGS.secrets


@pytest.mark.parametrize("text", ["anna=5, boris=7", '{"anna": 5, "boris": "7"}'])
def test_the_user_map_reads_pairs_or_json(text: str) -> None:
    assert BitrixConfig(webhook_url=URL, user_map=text).users() == {"anna": 5, "boris": 7}


@pytest.mark.parametrize("text", ["anna", "anna=five", '{"anna": "x"}', "{broken"])
def test_a_broken_user_map_names_the_setting(text: str) -> None:
    with pytest.raises(ConfigurationError, match="BITRIX_USER_MAP"):
        BitrixConfig(webhook_url=URL, user_map=text)


def test_the_stored_stage_map_decodes_and_a_broken_one_stops_start_up() -> None:
    assert BitrixConfig(webhook_url=URL, stage_map=MAP.to_json()).stages() == MAP
    assert BitrixConfig(webhook_url=URL).stages() is None
    with pytest.raises(ConfigurationError, match=r"stage_map.*bitrix setup"):
        BitrixConfig(webhook_url=URL, stage_map='{"category_id": 3}')


# -- the stage map --------------------------------------------------------------------------


def test_every_stage_and_outcome_maps_there_and_back() -> None:
    for stage in STAGES:
        stage_id = MAP.deal_stage(stage)
        assert deal_stage_to_local(stage_id, MAP) is stage
        assert deal_outcome_to_local(stage_id, MAP) is Outcome.OPEN
    assert deal_outcome_to_local(MAP.deal_stage(Stage.PAID, Outcome.WON), MAP) is Outcome.WON
    assert deal_outcome_to_local(MAP.deal_stage(Stage.NEW, Outcome.LOST), MAP) is Outcome.LOST
    assert deal_stage_to_local("C3:WON", MAP) is None
    assert deal_stage_to_local("C3:PREPARATION", MAP) is None
    assert deal_outcome_to_local("C3:PREPARATION", MAP) is None


def test_a_stage_map_must_cover_every_stage_once() -> None:
    partial = MAP.to_json().replace('"paid":"C3:CB_PAID",', "")
    with pytest.raises(ValueError, match="paid"):
        parse_stage_map(partial)
    with pytest.raises(ValueError, match="two local stages"):
        parse_stage_map(MAP.to_json().replace('"won":"C3:WON"', '"won":"C3:NEW"'))
    with pytest.raises(ValueError, match="not JSON"):
        parse_stage_map("{")


# -- the leaky bucket -----------------------------------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_the_bucket_lets_a_burst_through_then_keeps_the_rate() -> None:
    fake = FakeTime()
    bucket = LeakyBucket(50, 2.0, clock=fake.clock, sleep=fake.sleep)

    for _ in range(50):
        await bucket.acquire()
    assert fake.now == 0.0
    for _ in range(100):
        await bucket.acquire()

    assert fake.now == pytest.approx(50.0)  # 100 more requests at 2 per second
    assert bucket.waited == pytest.approx(50.0)


async def test_a_bucket_saturated_by_a_refusal_waits_one_drain_step() -> None:
    fake = FakeTime()
    bucket = LeakyBucket(5, 4.0, clock=fake.clock, sleep=fake.sleep)
    await bucket.acquire()

    bucket.saturate()
    await bucket.acquire()

    assert fake.now == pytest.approx(0.25)


@given(st.lists(st.floats(min_value=0, max_value=3), max_size=60))
def test_the_server_bucket_never_admits_more_than_capacity_plus_drain(gaps: list[float]) -> None:
    now = [0.0]
    bucket = ServerBucket(10, 2.0, clock=lambda: now[0])
    admitted = 0
    for gap in gaps:
        now[0] += gap
        admitted += bucket.admit()
    assert admitted <= 10 + 2.0 * now[0] + 1e-6
    assert admitted + bucket.refused == len(gaps)


def test_a_bucket_needs_positive_sizes() -> None:
    with pytest.raises(ValueError, match="capacity"):
        LeakyBucket(0, 1.0)
