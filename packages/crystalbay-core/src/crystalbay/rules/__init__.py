"""The rules assistant: trip-brief extraction and grounded replies without a language model.

Extractors take raw text and return a :class:`Found` value with a confidence, or ``None``.
Canonical names are English (``"Turkey"``, ``"Nha Trang"``, ``"Almaty"``), meals are codes
(``AI``, ``UAI``, ``FB``, ``HB``, ``BB``, ``RO``) and currencies ISO codes.
"""

from crystalbay.rules.assistant import RulesAssistant
from crystalbay.rules.brief import ConversationReading, read_conversation
from crystalbay.rules.budget import find_budget
from crystalbay.rules.dates import DateWindow, find_dates
from crystalbay.rules.destinations import Destination, find_departure, find_destination
from crystalbay.rules.eval import EvalReport, FieldScore, evaluate, format_report
from crystalbay.rules.evalset import EvalCase, EvalSet, load_eval_set
from crystalbay.rules.found import Found
from crystalbay.rules.hotel import MEAL_CODES, find_meal, find_stars
from crystalbay.rules.intents import detect_language
from crystalbay.rules.nights import find_nights
from crystalbay.rules.replies import format_price, missing_fields
from crystalbay.rules.text import normalize
from crystalbay.rules.travellers import Party, find_travellers

__all__ = [
    "MEAL_CODES",
    "ConversationReading",
    "DateWindow",
    "Destination",
    "EvalCase",
    "EvalReport",
    "EvalSet",
    "FieldScore",
    "Found",
    "Party",
    "RulesAssistant",
    "detect_language",
    "evaluate",
    "find_budget",
    "find_dates",
    "find_departure",
    "find_destination",
    "find_meal",
    "find_nights",
    "find_stars",
    "find_travellers",
    "format_price",
    "format_report",
    "load_eval_set",
    "missing_fields",
    "normalize",
    "read_conversation",
]
