"""Strings of the tours, bookings, analytics and settings pages: ``key -> (ru, en)``.

The page modules register them with :func:`crystalbay_web.i18n.add_messages` on import.
"""

from __future__ import annotations

__all__ = ["OPS_MESSAGES"]

OPS_MESSAGES: dict[str, tuple[str, str]] = {
    # analytics
    "analytics.start": ("С", "From"),
    "analytics.end": ("По", "To"),
    "analytics.cohort_note": (
        "Источники, этапы и воронка считают заявки, созданные в выбранный период (UTC).",
        "Sources, stages and the funnel count the leads created in the chosen range (UTC).",
    ),
    "analytics.by_source": ("Заявки по источникам", "Leads by source"),
    "analytics.by_stage": ("Заявки по текущему этапу", "Leads by current stage"),
    "analytics.funnel": ("Воронка", "Funnel"),
    "analytics.funnel_note": (
        (
            "Заявка достигла этапа, если была на нём или дальше (по журналу смены этапов);"
            " конверсия — доля от предыдущего этапа."
        ),
        (
            "A lead reached a stage if it was there or further (from the stage-change log);"
            " conversion is the share of the previous stage."
        ),
    ),
    "analytics.source": ("Источник", "Source"),
    "analytics.stage": ("Этап", "Stage"),
    "analytics.leads": ("Заявок", "Leads"),
    "analytics.reached": ("Достигли", "Reached"),
    "analytics.conversion": ("Конверсия", "Conversion"),
    "analytics.revenue": ("Выручка (выигранные)", "Won revenue"),
    "analytics.revenue_note": (
        (
            "Бронирования (кроме отменённых) выигранных заявок по месяцу создания брони;"
            " валюты не суммируются."
        ),
        (
            "Bookings (not cancelled) of won leads by the month the booking was made;"
            " currencies are never added up."
        ),
    ),
    "analytics.month": ("Месяц", "Month"),
    "analytics.currency": ("Валюта", "Currency"),
    "analytics.bookings": ("Броней", "Bookings"),
    "analytics.response_times": ("Время ответа менеджеров", "Response times"),
    "analytics.response_note": (
        (
            "Ожидание начинается с сообщения клиента и заканчивается ответом с автором;"
            " первое ожидание диалога — время первого ответа. Формат Ч:ММ:СС."
        ),
        (
            "A wait starts with a customer message and ends with an answer that has an author;"
            " a conversation's first wait is its first response. Format H:MM:SS."
        ),
    ),
    "analytics.author": ("Кто ответил", "Author"),
    "analytics.first_responses": ("Первых ответов", "First responses"),
    "analytics.first_avg": ("Первый ответ, среднее", "First response, mean"),
    "analytics.first_median": ("Первый ответ, медиана", "First response, median"),
    "analytics.responses": ("Ответов", "Responses"),
    "analytics.median": ("Медиана ответа", "Median response"),
    "analytics.no_data": ("Нет данных за период", "No data in this range"),
    # bookings
    "bookings.booking": ("Бронирование", "Booking"),
    "bookings.back": ("← Все бронирования", "← All bookings"),
    "bookings.any_status": ("Любой статус", "Any status"),
    "bookings.status": ("Статус", "Status"),
    "bookings.new_status": ("Новый статус", "New status"),
    "bookings.lead": ("Заявка", "Lead"),
    "bookings.claim": ("Номер заявки у оператора", "Operator claim number"),
    "bookings.claim_hint": ("Номер (до 64 символов)", "Number (up to 64 characters)"),
    "bookings.next_due": ("Ближайший платёж", "Next payment due"),
    "bookings.created": ("Создано", "Created"),
    "bookings.none": ("Бронирований нет", "No bookings"),
    "bookings.offer": ("Тур", "Tour"),
    "bookings.traveller_name": ("Имя", "Name"),
    "bookings.birth_date": ("Дата рождения", "Date of birth"),
    "bookings.passport": ("Паспорт", "Passport"),
    "bookings.no_travellers": ("Туристы не указаны", "No travellers yet"),
    "bookings.payments": ("Платежи", "Payments"),
    "bookings.no_payments": ("Платежей нет", "No payments yet"),
    "bookings.amount": ("Сумма", "Amount"),
    "bookings.due": ("Оплатить до", "Due by"),
    "bookings.paid_at": ("Оплачено", "Paid"),
    "bookings.paid": ("Уже оплачено", "Already paid"),
    "bookings.paid_total": ("Оплачено всего", "Paid in total"),
    "bookings.add_payment": ("Добавить платёж", "Add payment"),
    "bookings.saved": ("Сохранено.", "Saved."),
    "booking_status.requested": ("Запрошено", "Requested"),
    "booking_status.sent_to_operator": ("Отправлено оператору", "Sent to operator"),
    "booking_status.confirmed": ("Подтверждено", "Confirmed"),
    "booking_status.paid": ("Оплачено", "Paid"),
    "booking_status.cancelled": ("Отменено", "Cancelled"),
    # tours
    "tours.hotel": ("Отель", "Hotel"),
    "tours.resort": ("Курорт", "Resort"),
    "tours.check_in": ("Заезд", "Check-in"),
    "tours.nights_short": ("н.", "nights"),
    "tours.room": ("Номер", "Room"),
    "tours.meal": ("Питание", "Meal"),
    "tours.travellers": ("Туристы", "Travellers"),
    "tours.price": ("Цена", "Price"),
    "tours.provider": ("Поставщик", "Provider"),
    "tours.sandbox": ("демо", "sandbox"),
    "tours.sandbox_note": (
        (
            "Демонстрационные данные (песочница): цены и наличие не настоящие, оператору ничего не"
            " отправляется."
        ),
        (
            "Sandbox demonstration data: prices and availability are not real and nothing reaches"
            " an operator."
        ),
    ),
    # settings
    "settings.plugins": ("Плагины", "Plugins"),
    "settings.plugin": ("Плагин", "Plugin"),
    "settings.version": ("Версия", "Version"),
    "settings.enabled": ("Включён", "Enabled"),
    "settings.configured": ("Настроен", "Configured"),
    "settings.adapters": ("Адаптеры", "Adapters"),
    "settings.healthy": ("Связь", "Health"),
    "settings.builtin": ("встроенный", "built-in"),
    "settings.yes": ("да", "yes"),
    "settings.no": ("нет", "no"),
    "settings.status.configured": ("настроен", "configured"),
    "settings.status.not_configured": ("не настроен", "not configured"),
    "settings.status.none": ("без настроек", "no settings"),
    "settings.edit": ("Настроить", "Configure"),
    "settings.test": ("Проверить связь", "Test connection"),
    "settings.untested": ("не проверялся", "not tested"),
    "settings.ok": ("работает", "working"),
    "settings.failed": ("ошибка", "failing"),
    "settings.back": ("← Настройки", "← Settings"),
    "settings.saved": (
        "Сохранено, плагин перезагружен.",
        "Saved; the plugin was reloaded.",
    ),
    "settings.saved_restart": (
        "Сохранено. Новые настройки адаптеров вступят в силу после перезапуска хаба.",
        "Saved. Adapters pick up the new settings after the hub restarts.",
    ),
    "settings.form_note": (
        (
            "Значения из панели важнее переменных окружения. Пустое поле секрета оставляет"
            " сохранённое значение; пустое обычное поле возвращает значение из окружения или по"
            " умолчанию."
        ),
        (
            "Dashboard values win over environment variables. An empty secret field keeps the"
            " stored secret; an empty plain field falls back to the environment or the default."
        ),
    ),
    "settings.secret_set": (
        "задан ({masked}) — оставьте пустым",
        "set ({masked}) — leave empty to keep",
    ),
    "settings.secret_unset": ("не задан", "not set"),
    "settings.clear_secret": ("удалить сохранённое значение", "remove the stored value"),
    "settings.default_value": ("по умолчанию: {value}", "default: {value}"),
    "settings.source.dashboard": ("задано в панели", "set in the dashboard"),
    "settings.source.environment": ("из переменной окружения", "from the environment"),
    "settings.source.default": ("не задано", "not set"),
    "settings.api_keys": ("API-ключи", "API keys"),
    "settings.widget_keys": ("Ключи виджета", "Widget keys"),
    "settings.widget_note": (
        "Ключ виджета встраивается в сайт и принимается только с перечисленных адресов.",
        "A widget key is embedded in a website and accepted only from the listed origins.",
    ),
    "settings.key_name": ("Название", "Name"),
    "settings.prefix": ("Начало ключа", "Prefix"),
    "settings.origins": ("Сайты (origin), по одному в строке", "Origins, one per line"),
    "settings.create_key": ("Создать API-ключ", "Create API key"),
    "settings.create_widget_key": ("Создать ключ виджета", "Create widget key"),
    "settings.key_created": ("Ключ «{name}» создан:", "Key '{name}' created:"),
    "settings.key_once": (
        "Скопируйте его сейчас: он больше не будет показан.",
        "Copy it now: it will not be shown again.",
    ),
    "settings.key_revoked": ("Ключ «{name}» отозван.", "Key '{name}' revoked."),
    "settings.revoke": ("Отозвать", "Revoke"),
    "settings.revoked": ("отозван", "revoked"),
    "settings.no_keys": ("Ключей нет", "No keys"),
    "settings.users": ("Пользователи", "Users"),
    "settings.display_name": ("Имя", "Display name"),
    "settings.role": ("Роль", "Role"),
    "settings.active": ("Активен", "Active"),
    "settings.activate": ("Включить", "Activate"),
    "settings.deactivate": ("Отключить", "Deactivate"),
    "settings.create_user": ("Добавить пользователя", "Add user"),
    "settings.user_saved": ("Пользователь {name} сохранён.", "User {name} saved."),
    # tour search
    "tours.departure_city": ("Город вылета", "Departure city"),
    "tours.country": ("Страна", "Country"),
    "tours.choose": ("— выберите —", "— choose —"),
    "tours.date_from": ("Заезд с", "Check-in from"),
    "tours.date_to": ("Заезд по", "Check-in to"),
    "tours.nights": ("Ночей (7 или 7-10)", "Nights (7 or 7-10)"),
    "tours.adults": ("Взрослых", "Adults"),
    "tours.child_ages": ("Возраст детей", "Children's ages"),
    "tours.budget": ("Бюджет до", "Budget up to"),
    "tours.sort": ("Сортировка", "Sort by"),
    "tours.sort.price": ("цена", "price"),
    "tours.sort.check_in": ("дата заезда", "check-in"),
    "tours.sort.stars": ("звёзды", "stars"),
    "tours.descending": ("По убыванию", "Descending"),
    "tours.resorts": ("Курорты", "Resorts"),
    "tours.meals": ("Питание", "Meals"),
    "tours.stars": ("Звёзды", "Stars"),
    "tours.search": ("Найти туры", "Search tours"),
    "tours.hint": (
        "Выберите город вылета, страну и даты, чтобы увидеть предложения.",
        "Choose a departure city, a country and dates to see offers.",
    ),
    "tours.no_offers": (
        "Ничего не найдено. Измените даты или фильтры.",
        "Nothing found. Change the dates or filters.",
    ),
    "tours.on_stop": ("стоп", "on stop"),
    "tours.few_seats": ("мало мест", "few seats"),
    "tours.add_to_shortlist": ("В подборку", "Shortlist"),
    "tours.shortlist": ("Подборка для клиента", "Shortlist for the customer"),
    "tours.shortlist_empty": (
        "Подборка пуста: добавьте предложения из результатов поиска.",
        "The shortlist is empty: add offers from the results.",
    ),
    "tours.remove": ("Убрать", "Remove"),
    "tours.book": ("Бронировать", "Book"),
    "tours.book_confirm": ("Создать бронирование", "Request booking"),
    "tours.travellers_lines": (
        "Туристы, по одному в строке: имя; дата рождения; паспорт",
        "Travellers, one per line: name; date of birth; passport",
    ),
    "tours.sandbox_book": (
        "Это демо-предложение: бронь будет учебной.",
        "This is a sandbox offer: the booking is for practice only.",
    ),
    "tours.preview": ("Текст сообщения клиенту", "Message to the customer"),
    "tours.send_to": ("Куда отправить", "Send to"),
    "tours.send_lang": ("Язык", "Language"),
    "tours.send": ("Отправить подборку клиенту", "Send the shortlist to the customer"),
    "tours.no_conversation": (
        "У заявки нет диалога с клиентом — отправить подборку некуда.",
        "The lead has no conversation, so the shortlist cannot be sent.",
    ),
    "tours.notice.added": ("Предложение добавлено в подборку.", "Offer added to the shortlist."),
    "tours.notice.sent": (
        "Подборка поставлена в очередь на отправку.",
        "The shortlist is queued for sending.",
    ),
    "tours.brief_missing": ("В запросе клиента не хватает", "The brief still lacks"),
    "activity.shortlist_added": ("добавил(а) тур в подборку", "added a tour to the shortlist"),
    "activity.shortlist_removed": ("убрал(а) тур из подборки", "removed a tour from the shortlist"),
    "activity.shortlist_sent": (
        "отправил(а) подборку клиенту",
        "sent the shortlist to the customer",
    ),
}
