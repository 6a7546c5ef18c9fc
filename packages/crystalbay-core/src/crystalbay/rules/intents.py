"""Why the customer writes, how urgent it is, and which language they write in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crystalbay.domain import Intent
from crystalbay.rules.text import normalize

__all__ = ["TurnIntent", "detect_language", "is_dispute", "is_urgent", "turn_intent"]

_RULES: tuple[tuple[Intent, str], ...] = (
    (
        Intent.COMPLAINT,
        (
            r"жалоб\w*|пожалуюсь|\bужас\b|ужасн\w*|задержал\w*|задержк\w*|безобраз\w*|обман\w*|кошмар\w*|отвратительн\w*|недовол\w*"
            r"|возмущ\w*|хамств\w*|нахамил\w*|грязн\w*|разочаров\w*|претензи\w*|позор\w*|мошенни\w*"
            r"|не приехал\w*|никто не встретил|не встретил\w*|никто не отвечает|не отвечаете"
            r"|испортил\w*"
            r"|тараканы|клопы|complain\w*|terrible|awful|horrible|disgust\w*|unacceptable|disappointed"
            r"|\bscam\b|\bworst\b|\bdirty\b|\brude\b|\bв суд\b|shame on"
        ),
    ),
    (
        Intent.HUMAN,
        (
            r"\bменеджер\w*|\bоператор\w*|жив\w* (?:человек\w*|люд\w*|чел\b)|позвон\w*|перезвон\w*"
            r"|свяжит\w*|\bзвонок|\bcall me|call back|\bcall\b|\bhuman\b|real person|\bmanager\b"
            r"|\bagent\b|talk to (?:a |some)?(?:person|one|body)|консультант\w*|специалист\w*"
            r"|с человеком|хабарлас\w*"
        ),
    ),
    (
        Intent.PAYMENT,
        (
            r"оплат(?!ил|ен)\w*|заплат(?!ил)\w*|плат[её]ж\w*|kaspi|каспи|рассрочк\w*|реквизит\w*"
            r"|сч[её]т на оплату|перевести деньги|\bpay\b|paying|payment|invoice|installment"
            r"|refund|возврат\w*|верн\w* (?:деньги|средства|оплату|предоплату)|списал\w*"
            r"|chargeback|толеу\w*|толем\w*"
        ),
    ),
    (
        Intent.BOOKING_QUESTION,
        (
            r"(?:мо[яейю]|наш\w*|по)\s+брон\w*|по заявке|номер\w* (?:брони|заявки)|ваучер\w*"
            r"|voucher|документ\w*|подтвержд\w*|confirmation"
            r"|(?:my|our) (?:booking|reservation|tour|trip)"
            r"|статус\w*|когда (?:будут|пришлют|придут)|перенести (?:даты|тур|бронь)"
            r"|отмен\w* (?:брон|тур)|cancel (?:my|the|our)|change (?:my|our)"
            r"|уже (?:купили|оплатили|забронировали|оплачен\w*)|во сколько (?:трансфер|вылет)"
            r"|время вылета|билеты пришли"
        ),
    ),
    (
        Intent.BOOKING,
        (
            r"\bбронир\w*|заброн\w*|\bбронь\b|заказать тур|оформ\w*|\bберем\b|\bберу\b|\bbook\b"
            r"|\bbooking\b|reserve|давайте (?:этот|его|вариант|первый|второй|третий)"
            r"|(?:первый|второй|третий) вариант|we(?:'ll| will) take|брондау\w*|брондаймыз"
        ),
    ),
    (
        Intent.TOUR_SEARCH,
        (
            r"\bтур\b|\bтура\b|\bтуры\b|\bтуров\b|\bтуру\b|путевк\w*|отдых\w*|отдохнуть|поехать"
            r"|поедем|слетать|съездить|улететь|полететь|горящ\w*|\btours?\b|\btrip\b|holiday\w*"
            r"|vacation|\btravel\w*|package|подбер\w*|подобр\w*|вариант\w*|предлож\w*|сколько стоит"
            r"|стоимость|\bцен[аыу]\b|на море|демалыс\w*|саяхат\w*|барамыз|баргымыз|хотим в|хочу в"
            r"|want to go|looking for"
        ),
    ),
    (
        Intent.OTHER,
        (
            r"\bвиз[аыу]\b|\bvisa\b|страховк\w*|insurance|адрес\w*|где (?:вы )?находитесь"
            r"|график работы|часы работы|работаете|opening hours|\boffice\b|загран\w*|паспорт\w*"
            r"|passport"
        ),
    ),
    (
        Intent.SMALL_TALK,
        (
            r"привет|здравствуй\w*|здрасте|добр\w* (?:день|вечер)|доброе утро|салем\w*|салам\w*"
            r"|hello|\bhi\b|\bhey\b|good (?:morning|afternoon|evening)|спасибо|\bспс\b|благодар\w*"
            r"|рахмет|thanks?|thank you|\bок\b|\bok\b|\bokay\b|хорошо|понятно|как дела|\bпока\b"
            r"|до свидания|\bbye\b"
        ),
    ),
)
_COMPILED = tuple((intent, re.compile(pattern)) for intent, pattern in _RULES)
_WEAK = frozenset({Intent.SMALL_TALK, Intent.OTHER})
_DISPUTE = re.compile(
    r"верн\w* (?:деньги|средства|оплату|предоплату)|возврат\w*|refund|списал\w*|двойн\w* списан"
    r"|charged twice|не прош[её]л|не пришл\w*|деньги ушли|chargeback|оплатил\w*.{0,40}\b(?:но|а)\b"
)
_URGENT = re.compile(
    r"срочно|urgent|asap|как можно скорее|сегодня|today|горящ\w*|last minute|завтра|tomorrow"
    r"|немедленно|шугыл"
)
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_KAZAKH_WORDS = re.compile(
    r"\b(?:салем\w*|салеметсиз|рахмет\w*|керек|калай|канша|барамыз|баргымыз|ересек\w*|балам\w*"
    r"|балалар\w*|жаста|демалыс\w*|болады|келеди|ушамыз|кайда|жок|бар ма)\b"
)


@dataclass(frozen=True, slots=True)
class TurnIntent:
    """The intent of one message, and whether a keyword (not just brief fields) said so."""

    intent: Intent
    strong: bool


def turn_intent(text: str, *, brief_fields: int) -> TurnIntent:
    """Classify one message; ``brief_fields`` counts the trip details found in it.

    Keywords decide, in priority order (complaint, human, payment, booking question, booking,
    tour search). Trip details make a message a tour search unless it only asks about a visa
    or the office for one destination; greetings and thanks are small talk.
    """
    normal = normalize(text)
    for intent, pattern in _COMPILED:
        if intent is Intent.OTHER and brief_fields > 1:
            break
        if pattern.search(normal):
            return TurnIntent(intent, strong=intent not in _WEAK)
        if intent is Intent.OTHER and brief_fields:
            break
    return TurnIntent(Intent.TOUR_SEARCH if brief_fields else Intent.OTHER, strong=False)


def is_dispute(text: str) -> bool:
    """True when a payment message disputes money (refund, double charge, missing payment)."""
    return _DISPUTE.search(normalize(text)) is not None


def is_urgent(text: str) -> bool:
    """True when the customer asks for speed ("срочно", "горящий", "tomorrow")."""
    return _URGENT.search(normalize(text)) is not None


def detect_language(text: str) -> str:
    """Guess ``"kk"``, ``"en"`` or ``"ru"`` from one or more of the customer's messages.

    Kazakh letters or words mean ``"kk"``; Latin words outnumbering Cyrillic ones four to one
    mean ``"en"`` (Russian messages often name hotels and resorts in Latin).
    """
    normal = normalize(text)
    if _KAZAKH_LETTERS.search(text) or _KAZAKH_WORDS.search(normal):
        return "kk"
    latin = len(re.findall(r"\b[a-z]{2,}", normal))
    cyrillic = len(re.findall(r"\b[а-я]{2,}", normal))
    return "en" if latin and cyrillic * 4 <= latin else "ru"
