"""English texts."""

from __future__ import annotations

from crystalbay_bot.texts.catalogue import Texts

__all__ = ["EN"]

EN = Texts(
    code="en",
    language_name="English",
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    weekdays=("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
    greeting=(
        "Hello, {name}! I am the Crystal Bay travel agency bot.\n"
        "I can find a tour, show your bookings or call a manager."
    ),
    menu_search="🔎 Find a tour",
    menu_bookings="📋 My bookings",
    menu_manager="💬 Talk to a manager",
    menu_language="🌐 Язык / Language",
    command_start="Main menu",
    command_search="Find a tour",
    command_bookings="My bookings",
    command_manager="Talk to a manager",
    command_lang="Change language",
    command_cancel="Cancel the current step",
    choose_language="Choose your language:",
    language_set="Done, we speak English now.",
    cancelled="Cancelled. How else can I help?",
    nothing_to_cancel="Nothing to cancel. How can I help?",
    use_buttons="Please choose with the buttons above, or send /cancel.",
    back="◀ Back",
    ask_city="Where do you fly from? Choose the departure city:",
    ask_country="Where to? Choose the country:",
    ask_dates="When would you like to leave?",
    dates_two_weeks="Within two weeks",
    dates_next_month="Next month",
    dates_in_two_months="The month after",
    dates_calendar="📅 Pick a date",
    ask_day="Choose the departure date (we search ±3 days):",
    ask_nights="How many nights?",
    nights_option="{nights} nights",
    ask_adults="How many adults are travelling?",
    ask_children="How many children (under 18)?",
    ask_child_age="How old is child {n}?",
    ask_budget="Budget for everyone? Choose one or type an amount in {currency}.",
    budget_option="up to {amount} {currency}",
    budget_any="No limit",
    budget_invalid="I did not get the amount. Type a number such as 1500, or use a button.",
    nothing_offered="There is nothing to choose here right now. Try later or talk to a manager.",
    searching="Searching…",
    results_header="{route}\n{dates}, {nights} nights, {party}\nPage {page}:",
    results_line=(
        "{n}. {hotel}{stars} — {price} {currency}\n    {resort}, {check_in}, {nights} n., {meal}"
    ),
    no_results="No tours match. Try other dates or a higher budget.",
    previous_page="◀ Previous",
    next_page="Next ▶",
    new_search="🔎 New search",
    back_to_results="◀ Back to results",
    request_booking="✅ Request booking",
    offer_card=(
        "🏨 {hotel}{stars}\n📍 {resort}, {country}\n🍽 Meal: {meal}\n🛏 Room: {room}\n"
        "📅 {check_in}, {nights} nights\n👥 {party}\n💰 {price} {currency}"
    ),
    party_adults="{n} adult(s)",
    children_ages="children aged {ages}",
    sandbox_note="ℹ️ Demonstration offer: a manager will find the real price.",
    ask_name="What is your name? Type it or tap the button.",
    name_invalid="Please type your name (up to 100 characters).",
    ask_phone="Leave a phone number: tap the button or type it.",
    share_phone="📱 Share my phone number",
    phone_invalid=(
        "That does not look like a phone number. "
        "Type it with the country code, e.g. +7 701 123 45 67."
    ),
    not_your_contact="Please share your own number with the button below, or type it.",
    booking_done=(
        "Thank you, {name}! Booking request #{number} received:\n{offer}\n"
        "A manager will check availability and call you at {phone}."
    ),
    bookings_header="Your bookings:",
    bookings_line="#{number} · {hotel} · {check_in} · {nights} n. · {price} {currency} — {status}",
    bookings_none="You have no bookings yet. Shall we find a tour?",
    status_requested="requested",
    status_sent_to_operator="sent to the tour operator",
    status_confirmed="confirmed",
    status_paid="paid",
    status_cancelled="cancelled",
    manager_called="I have passed your question to a manager, who will answer here in this chat.",
    error_unavailable="Tour search is unavailable right now. Please try again in a few minutes.",
    error_invalid="That did not work: {detail}",
    error_general="Something went wrong. We are looking into it; try again or send /cancel.",
    search_down=(
        "Tour search is unavailable right now, sorry. I have passed your request to a manager, "
        "who will pick tours for you and write here. You can also try again in a few minutes."
    ),
    button_outdated="This button is outdated.",
    button_outdated_menu=(
        "That button belongs to an old message and no longer works. Here is the menu:"
    ),
    flow_expired=(
        "The search you started earlier has expired: prices and dates change. Let us start afresh:"
    ),
    slow_down=(
        "You are writing very fast! Please slow down a little: I keep every message, "
        "and a manager will read them all."
    ),
    media_received="Thank you, I have received it and passed it on to a manager.",
)
