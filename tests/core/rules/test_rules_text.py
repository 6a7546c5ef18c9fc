import pytest

from crystalbay.rules.lexicon import Lexicon
from crystalbay.rules.text import edit_distance, normalize, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Турцияға", "турцияга"),
        ("ЁЛКА  и   Ёж", "елка и еж"),
        ("Шарм–эль—Шейх", "шарм-эль-шейх"),
        ("Typция", "турция"),  # Latin look-alikes inside a Cyrillic word
        ("Nha Trang", "nha trang"),
        ("Сәлеметсіз бе", "салеметсиз бе"),
    ],
)
def test_normalize_folds_case_letters_and_dashes(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_words_split_on_digits_and_punctuation() -> None:
    assert words(normalize("2взр+1реб, Алматы!")) == ["взр", "реб", "алматы"]


@pytest.mark.parametrize(
    ("left", "right", "distance"),
    [("турция", "турция", 0), ("турцыя", "турция", 1), ("тйаланд", "тайланд", 1), ("", "ab", 2)],
)
def test_edit_distance_counts_swaps_as_one(left: str, right: str, distance: int) -> None:
    assert edit_distance(left, right) == distance


LEXICON: Lexicon[str] = Lexicon(
    {"turkey": "турци*|turkey", "thailand": "таиланд*", "side": "сиде", "nha": "нья чанг*"}
)


@pytest.mark.parametrize(
    ("text", "value", "fuzzy"),
    [
        ("турцию", "turkey", False),
        ("тиаланде", "thailand", True),
        ("turkey", "turkey", False),
        ("нья чанге", "nha", False),
        ("сиде", "side", False),
    ],
)
def test_lexicon_matches_declensions_and_one_typo(text: str, value: str, *, fuzzy: bool) -> None:
    found = LEXICON.find(words(normalize(text)))
    assert [(m.value, m.fuzzy) for m in found] == [(value, fuzzy)]


@pytest.mark.parametrize("text", ["сидеть у моря", "турбо", "нья", "турцыю"])
def test_lexicon_rejects_longer_words_partial_phrases_and_typos_in_short_stems(text: str) -> None:
    assert LEXICON.find(words(normalize(text))) == []


def test_lexicon_lookup_of_a_single_word() -> None:
    assert LEXICON.lookup("турции") == "turkey"
    assert LEXICON.lookup("") is None
