"""Customer-facing texts in Russian and English, and how the language is chosen."""

from crystalbay_bot.texts.catalogue import Texts
from crystalbay_bot.texts.en import EN
from crystalbay_bot.texts.ru import RU
from crystalbay_bot.texts.select import CATALOGUES, DEFAULT_LANGUAGE, language_for, texts_for

__all__ = ["CATALOGUES", "DEFAULT_LANGUAGE", "EN", "RU", "Texts", "language_for", "texts_for"]
