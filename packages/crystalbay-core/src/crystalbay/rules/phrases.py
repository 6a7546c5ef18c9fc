"""Reply phrases in Russian, English and Kazakh."""

from __future__ import annotations

__all__ = ["LANGUAGES", "PHRASES", "QUESTIONS"]

LANGUAGES = ("ru", "en", "kk")
"""Languages the rules assistant can answer in; others get Russian."""

PHRASES: dict[str, dict[str, str]] = {
    "ru": {
        "greeting": "Здравствуйте!",
        "offers": "Подобрали для вас варианты:",
        "offer": "{n}. {hotel}{stars} — {resort}, заезд {check_in}, {nights}, "
        "питание {meal}: {price}",
        "few_seats": "осталось мало мест",
        "on_stop": "отель на стопе, уточним наличие",
        "demo": "[демо]",
        "demo_note": "Варианты с пометкой [демо] — демонстрационные, забронировать их нельзя.",
        "prices_note": "Цены указаны на момент поиска и могут измениться.",
        "ask": "Чтобы подобрать тур, подскажите, пожалуйста:",
        "ask_more": "Чтобы подобрать точнее, подскажите, пожалуйста:",
        "all_set": "Спасибо! Данных достаточно — подбираю варианты и скоро пришлю.",
        "booking": "Спасибо! Передаю менеджеру: он оформит бронирование и пришлёт подтверждение.",
        "complaint": "Нам очень жаль, что так получилось. Я передал ваше сообщение менеджеру, "
        "он свяжется с вами в ближайшее время.",
        "human": "Конечно, подключаю менеджера — он ответит вам в ближайшее время.",
        "payment": "Менеджер пришлёт вам реквизиты и ссылку для оплаты.",
        "dispute": "Понимаю. Я передал вопрос об оплате менеджеру, он проверит платёж "
        "и свяжется с вами в ближайшее время.",
        "booking_question": "Уточню по вашей брони у менеджера и вернусь с ответом.",
        "small_talk": "Чем могу помочь? Могу подобрать тур — напишите, куда и когда "
        "хотите поехать.",
        "unclear": "Спасибо за сообщение! Менеджер ответит вам в ближайшее время.",
    },
    "en": {
        "greeting": "Hello!",
        "offers": "Here are some options for you:",
        "offer": "{n}. {hotel}{stars} — {resort}, check-in {check_in}, {nights}, "
        "meals {meal}: {price}",
        "few_seats": "only a few seats left",
        "on_stop": "hotel on stop sale, we will check availability",
        "demo": "[demo]",
        "demo_note": "Options marked [demo] are demonstration data and cannot be booked.",
        "prices_note": "Prices are as of the search and may change.",
        "ask": "To find a tour for you, could you tell me:",
        "ask_more": "To narrow the search, could you tell me:",
        "all_set": "Thank you! I have everything I need and will send options shortly.",
        "booking": "Thank you! A manager will make the booking and send you the confirmation.",
        "complaint": "We are very sorry about this. I have passed your message to a manager, "
        "who will contact you shortly.",
        "human": "Of course, I am connecting a manager, who will reply to you shortly.",
        "payment": "A manager will send you the payment details and link.",
        "dispute": "I understand. I have passed your payment question to a manager, who will "
        "check it and contact you shortly.",
        "booking_question": "I will check your booking with a manager and get back to you.",
        "small_talk": "How can I help? I can find a tour for you: tell me where and when you "
        "would like to go.",
        "unclear": "Thank you for your message! A manager will reply to you shortly.",
    },
    "kk": {
        "greeting": "Сәлеметсіз бе!",
        "offers": "Сізге мына нұсқаларды таптық:",
        "offer": "{n}. {hotel}{stars} — {resort}, келу күні {check_in}, {nights}, "
        "тамақтану {meal}: {price}",
        "few_seats": "орын аз қалды",
        "on_stop": "қонақүй стопта, орынды нақтылаймыз",
        "demo": "[демо]",
        "demo_note": "[демо] белгісі бар нұсқалар демонстрациялық, оларды брондау мүмкін емес.",
        "prices_note": "Бағалар іздеу сәтіндегі, өзгеруі мүмкін.",
        "ask": "Тур таңдау үшін айтыңызшы:",
        "ask_more": "Нақтырақ таңдау үшін айтыңызшы:",
        "all_set": "Рахмет! Мәліметтер жеткілікті, нұсқаларды іздеп, жақын арада жіберемін.",
        "booking": "Рахмет! Менеджер брондауды рәсімдеп, растауды жібереді.",
        "complaint": "Болған жағдай үшін кешірім сұраймыз. Хабарламаңызды менеджерге бердім, "
        "ол сізбен жақын арада байланысады.",
        "human": "Әрине, менеджерді қосамын, ол сізге жақын арада жауап береді.",
        "payment": "Менеджер сізге төлем деректері мен сілтемесін жібереді.",
        "dispute": "Түсіндім. Төлем мәселесін менеджерге бердім, ол тексеріп, "
        "сізбен жақын арада байланысады.",
        "booking_question": "Брондауыңыз бойынша менеджерден нақтылап, жауап беремін.",
        "small_talk": "Қалай көмектесе аламын? Тур таңдап берейін: қайда және қашан "
        "барғыңыз келетінін жазыңыз.",
        "unclear": "Хабарламаңыз үшін рахмет! Менеджер жақын арада жауап береді.",
    },
}
"""Reply sentences by language and purpose."""

QUESTIONS: dict[str, dict[str, str]] = {
    "ru": {
        "country": "Куда хотите поехать — какая страна или курорт?",
        "resort": "Какой курорт предпочитаете?",
        "date_from": "Когда планируете вылет — примерные даты или месяц?",
        "nights_min": "На сколько ночей?",
        "adults": "Сколько взрослых поедет и будут ли дети (их возраст)?",
        "child_ages": "Сколько лет детям?",
        "departure_city": "Из какого города вылет?",
        "budget": "На какой бюджет ориентируетесь?",
        "meal": "Какое питание предпочитаете — всё включено, завтраки?",
        "stars": "Отель какой категории — 3*, 4* или 5*?",
    },
    "en": {
        "country": "Where would you like to go: which country or resort?",
        "resort": "Which resort do you prefer?",
        "date_from": "When would you like to travel: rough dates or a month?",
        "nights_min": "For how many nights?",
        "adults": "How many adults are travelling, and any children (their ages)?",
        "child_ages": "How old are the children?",
        "departure_city": "Which city will you fly from?",
        "budget": "What budget do you have in mind?",
        "meal": "Which meal plan do you prefer: all inclusive, breakfast only?",
        "stars": "Which hotel category: 3, 4 or 5 stars?",
    },
    "kk": {
        "country": "Қай елге немесе курортқа барғыңыз келеді?",
        "resort": "Қай курортты қалайсыз?",
        "date_from": "Қашан ұшқыңыз келеді — шамамен күндері немесе айы?",
        "nights_min": "Неше түнге?",
        "adults": "Неше ересек барады, балалар бар ма (жасы қанша)?",
        "child_ages": "Балалардың жасы қанша?",
        "departure_city": "Қай қаладан ұшасыз?",
        "budget": "Бюджетіңіз қандай?",
        "meal": "Қандай тамақтану қалайсыз — барлығы қосылған ба, таңғы ас па?",
        "stars": "Қонақүй неше жұлдызды болсын — 3*, 4* әлде 5*?",
    },
}
"""One polite question per brief field, by language."""
