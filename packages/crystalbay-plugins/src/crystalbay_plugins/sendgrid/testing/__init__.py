"""A fake SendGrid for tests: Mail Send over real HTTP, signed events and Inbound Parse posts.

```python
with FakeSendGrid() as fake:
    config = SendGridConfig(api_key=fake.api_key, from_email="tours@agency.example",
                            api_url=fake.url, events_public_key=fake.public_key)
    ...
    await fake.post_events(hub_url, [fake.event(fake.sent[0], "delivered")])
    await fake.post_inbound(hub_url, *build_inbound(text="Хотим в Турцию"))
```
"""

from crystalbay_plugins.sendgrid.testing.inbound import build_inbound, encode_form_data
from crystalbay_plugins.sendgrid.testing.mail_api import CANNED_ERRORS
from crystalbay_plugins.sendgrid.testing.sent import SentMail
from crystalbay_plugins.sendgrid.testing.server import FakeSendGrid
from crystalbay_plugins.sendgrid.testing.webhooks import EventSigner, encode_events

__all__ = [
    "CANNED_ERRORS",
    "EventSigner",
    "FakeSendGrid",
    "SentMail",
    "build_inbound",
    "encode_events",
    "encode_form_data",
]
