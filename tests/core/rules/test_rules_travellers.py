import pytest

from crystalbay.rules import Party, find_travellers


@pytest.mark.parametrize(
    ("text", "adults", "ages", "children"),
    [
        ("2 взрослых и 2 детей 3 и 7 лет", 2, (3, 7), 2),
        ("вдвоём с ребёнком 5 лет", 1, (5,), 1),  # the two of them
        ("вдвоем + ребенок 4 года", 2, (4,), 1),
        ("вдвоем", 2, (), 0),
        ("семья из трёх", 2, (), 1),
        ("family of four", 2, (), 2),
        ("me and my wife", 2, (), 0),
        ("Me, my husband and our son (7)", 2, (7,), 1),
        ("2 детей (3 года и 10 лет)", None, (3, 10), 2),
        ("ребенок 1 год и 8 мес", None, (1,), 1),
        ("2 детей 3 и 7 лет, 10-12 ночей", None, (3, 7), 2),
        ("1 балаға (3 жаста)", None, (3,), 1),
        ("куда угодно, один", 1, (), 0),
        ("мы с мужем и сыном 5 лет", 2, (5,), 1),
        ("я с мужем и мамой", 3, (), 0),
        ("2+1 (ребенку 6)", 2, (6,), 1),
        ("2+2", 2, (), 2),
        ("2взр+1реб(4г)", 2, (4,), 1),
        ("нас 4 человека, двое детей 5 и 8", 2, (5, 8), 2),
        ("нас трое: я, муж и дочка 3 года", 2, (3,), 1),
        ("я с сыном 10 лет", 1, (10,), 1),
        ("I'm travelling with my 2 kids (6 and 11)", 1, (6, 11), 2),
        ("with my husband and 2 kids aged 4 and 9", 2, (4, 9), 2),
        ("2 adults and a 4 year old", 2, (4,), 1),
        ("2 adults, 1 infant (10 months)", 2, (0,), 1),
        ("kids are 5 and 8, 12 nights", None, (5, 8), 2),
        ("екі ересек, бір бала 7 жаста", 2, (7,), 1),
        ("2 үлкен адам", 2, (), 0),
        ("один поеду", 1, (), 0),
        ("two of us", 2, (), 0),
        ("молодожены", 2, (), 0),
        ("нас будет 5 человек", 5, (), 0),
        ("с детьми", None, (), 2),
    ],
)
def test_party(text: str, adults: int | None, ages: tuple[int, ...], children: int) -> None:
    found = find_travellers(text)
    assert found is not None
    assert found.value == Party(adults, ages, children)


@pytest.mark.parametrize(
    "text", ["Хотим в Турцию на 7 ночей", "пару недель", "нам по 30 лет", "друг посоветовал вас"]
)
def test_no_party(text: str) -> None:
    assert find_travellers(text) is None


def test_explicit_counts_are_more_confident_than_guesses() -> None:
    explicit, guess = find_travellers("2 взрослых"), find_travellers("семья из трёх")
    assert explicit is not None
    assert guess is not None
    assert explicit.confidence > guess.confidence
