"""Dashboard strings shared by the layout, login and error pages: ``key -> (ru, en)``.

Page modules register their own strings with :func:`crystalbay_web.i18n.add_messages`.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "app.name": ("Crystal Bay", "Crystal Bay"),
    "nav.leads": ("Воронка", "Pipeline"),
    "nav.tours": ("Туры", "Tours"),
    "nav.bookings": ("Бронирования", "Bookings"),
    "nav.analytics": ("Аналитика", "Analytics"),
    "nav.settings": ("Настройки", "Settings"),
    "nav.menu": ("Меню", "Menu"),
    "lang.switch": ("English", "Русский"),
    "user.password": ("Сменить пароль", "Change password"),
    "user.logout": ("Выйти", "Log out"),
    "role.admin": ("администратор", "administrator"),
    "role.manager": ("менеджер", "manager"),
    "login.title": ("Вход", "Log in"),
    "login.username": ("Имя пользователя", "Username"),
    "login.password": ("Пароль", "Password"),
    "login.submit": ("Войти", "Log in"),
    "login.failed": ("Неверное имя пользователя или пароль.", "Wrong username or password."),
    "login.limited": (
        "Слишком много попыток входа. Попробуйте через {minutes} мин.",
        "Too many login attempts. Try again in {minutes} min.",
    ),
    "login.logged_out": ("Вы вышли из системы.", "You are logged out."),
    "password.title": ("Смена пароля", "Change password"),
    "password.current": ("Текущий пароль", "Current password"),
    "password.new": ("Новый пароль", "New password"),
    "password.repeat": ("Новый пароль ещё раз", "Repeat the new password"),
    "password.submit": ("Сменить пароль", "Change password"),
    "password.changed": ("Пароль изменён.", "Your password is changed."),
    "password.wrong": ("Текущий пароль неверен.", "The current password is wrong."),
    "password.mismatch": ("Новые пароли не совпадают.", "The new passwords differ."),
    "password.short": (
        "Новый пароль должен быть не короче 8 символов.",
        "The new password must be at least 8 characters.",
    ),
    "error.title": ("Ошибка", "Error"),
    "error.403": ("Доступ запрещён.", "Access denied."),
    "error.404": ("Не найдено.", "Not found."),
    "error.csrf": (
        "Форма устарела. Обновите страницу и повторите.",
        "The form has expired. Reload the page and try again.",
    ),
    "error.other": ("Что-то пошло не так. Ошибка записана в журнал.", "Something went wrong."),
    "error.back": ("На главную", "Back to the dashboard"),
    "common.save": ("Сохранить", "Save"),
    "common.cancel": ("Отмена", "Cancel"),
    "common.apply": ("Применить", "Apply"),
    "common.reset": ("Сбросить", "Reset"),
    "common.none": ("—", "—"),
    "common.loading": ("Загрузка…", "Loading…"),
    "common.more": ("Ещё", "More"),
    "common.close": ("Закрыть", "Close"),
}
