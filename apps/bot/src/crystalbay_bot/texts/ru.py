"""Russian texts."""

from __future__ import annotations

from crystalbay_bot.texts.catalogue import Texts

__all__ = ["RU"]

RU = Texts(
    code="ru",
    language_name="Русский",
    months=(
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ),
    weekdays=("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"),
    greeting=(
        "Здравствуйте, {name}! Я бот турагентства Crystal Bay.\n"
        "Подберу тур, покажу ваши брони или позову менеджера."
    ),
    menu_search="🔎 Подобрать тур",
    menu_bookings="📋 Мои брони",
    menu_manager="💬 Связаться с менеджером",
    menu_language="🌐 Язык / Language",
    command_start="Главное меню",
    command_search="Подобрать тур",
    command_bookings="Мои брони",
    command_manager="Связаться с менеджером",
    command_lang="Сменить язык",
    command_cancel="Отменить текущее действие",
    choose_language="Выберите язык:",
    language_set="Готово, говорим по-русски.",
    cancelled="Отменено. Чем ещё помочь?",
    nothing_to_cancel="Отменять нечего. Чем помочь?",
    use_buttons="Выберите вариант кнопками выше или отправьте /cancel.",
    back="◀ Назад",
    ask_city="Откуда летим? Выберите город вылета:",
    ask_country="Куда? Выберите страну:",
    ask_dates="Когда хотите вылететь?",
    dates_two_weeks="В ближайшие 2 недели",
    dates_next_month="В следующем месяце",
    dates_in_two_months="Через месяц",
    dates_calendar="📅 Выбрать дату",
    ask_day="Выберите дату вылета (ищем ±3 дня):",
    ask_nights="Сколько ночей?",
    nights_option="{nights} ночей",
    ask_adults="Сколько взрослых едет?",
    ask_children="Сколько детей (до 17 лет)?",
    ask_child_age="Сколько лет ребёнку №{n}?",
    ask_budget="Бюджет на всех? Выберите или напишите сумму в {currency}.",
    budget_option="до {amount} {currency}",
    budget_any="Без ограничений",
    budget_invalid="Не понял сумму. Напишите число, например 1500, или выберите кнопку.",
    nothing_offered="Сейчас здесь нечего выбрать. Попробуйте позже или свяжитесь с менеджером.",
    searching="Ищу туры…",
    results_header="{route}\n{dates}, {nights} ночей, {party}\nСтраница {page}:",
    results_line=(
        "{n}. {hotel}{stars} — {price} {currency}\n    {resort}, {check_in}, {nights} н., {meal}"
    ),
    no_results="По этим условиям туров не нашлось. Измените даты или бюджет.",
    previous_page="◀ Предыдущие",
    next_page="Следующие ▶",
    new_search="🔎 Новый поиск",
    back_to_results="◀ К результатам",
    request_booking="✅ Забронировать",
    offer_card=(
        "🏨 {hotel}{stars}\n📍 {resort}, {country}\n🍽 Питание: {meal}\n🛏 Номер: {room}\n"
        "📅 {check_in}, {nights} ночей\n👥 {party}\n💰 {price} {currency}"
    ),
    party_adults="{n} взр.",
    children_ages="дети: {ages}",
    sandbox_note="ℹ️ Демонстрационное предложение: менеджер подберёт реальную цену.",
    ask_name="Как вас зовут? Напишите имя или нажмите кнопку.",
    name_invalid="Напишите имя (до 100 символов).",
    ask_phone="Оставьте телефон для связи: нажмите кнопку или напишите номер.",
    share_phone="📱 Отправить мой номер",
    phone_invalid=(
        "Это не похоже на номер телефона. Напишите его с кодом страны, например +7 701 123 45 67."
    ),
    not_your_contact="Пожалуйста, отправьте свой номер кнопкой ниже или напишите его.",
    booking_done=(
        "Спасибо, {name}! Заявка №{number} принята:\n{offer}\n"
        "Менеджер проверит наличие мест и свяжется с вами по номеру {phone}."
    ),
    bookings_header="Ваши брони:",
    bookings_line="№{number} · {hotel} · {check_in} · {nights} н. · {price} {currency} — {status}",
    bookings_none="У вас пока нет броней. Подберём тур?",
    status_requested="заявка принята",
    status_sent_to_operator="отправлена туроператору",
    status_confirmed="подтверждена",
    status_paid="оплачена",
    status_cancelled="отменена",
    manager_called="Передал ваш вопрос менеджеру — он ответит здесь, в этом чате.",
    error_unavailable="Поиск туров сейчас недоступен. Попробуйте через несколько минут.",
    error_invalid="Не получилось: {detail}",
    error_general="Что-то пошло не так. Мы уже разбираемся; попробуйте ещё раз или /cancel.",
    search_down=(
        "Поиск туров сейчас недоступен, извините. Я передал ваш запрос менеджеру — он подберёт "
        "туры и напишет здесь. Можно также повторить поиск через несколько минут."
    ),
    button_outdated="Эта кнопка устарела.",
    button_outdated_menu="Эта кнопка из старого сообщения и больше не работает. Вот меню:",
    flow_expired=(
        "Поиск, который вы начинали раньше, устарел: цены и даты меняются. Начнём заново:"
    ),
    slow_down=(
        "Вы пишете очень быстро! Пожалуйста, чуть помедленнее: я сохраняю все сообщения, "
        "менеджер прочитает каждое."
    ),
    media_received="Спасибо, получил и передал менеджеру.",
)
