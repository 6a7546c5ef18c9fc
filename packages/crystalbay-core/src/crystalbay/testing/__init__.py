"""Testing kit: fakes for every port, a real-HTTP fake server base, factories and strategies.

Hypothesis strategies live in :mod:`crystalbay.testing.strategies` (``testing`` extra); the
pytest fixtures in :mod:`crystalbay.testing.pytest_plugin` are loaded automatically by pytest.
"""

from crystalbay.testing.factories import make_lead, make_offer, make_query
from crystalbay.testing.fake_tours import FakeTourProvider
from crystalbay.testing.fakes import EventRecorder, FakeAssistant, FakeChannel, FakeCRM
from crystalbay.testing.http_mock import HttpMock
from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay.testing.modules import load_file

__all__ = [
    "EventRecorder",
    "FakeAssistant",
    "FakeCRM",
    "FakeChannel",
    "FakeHTTPServer",
    "FakeRequest",
    "FakeResponse",
    "FakeTourProvider",
    "HttpMock",
    "load_file",
    "make_lead",
    "make_offer",
    "make_query",
]
