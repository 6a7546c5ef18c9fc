"""Testing kit: fakes for every port, a real-HTTP fake server base, factories and strategies."""

from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse

__all__ = ["FakeHTTPServer", "FakeRequest", "FakeResponse"]
