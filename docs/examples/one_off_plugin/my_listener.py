# my_listener.py
from crystalbay.events import Event, LeadCreated
from crystalbay.hookspecs import hookimpl


@hookimpl
def on_event(event: Event) -> None:  # fewer arguments than the hook declares
    if isinstance(event, LeadCreated):
        print("new lead", event.lead_id, "from", event.source)
