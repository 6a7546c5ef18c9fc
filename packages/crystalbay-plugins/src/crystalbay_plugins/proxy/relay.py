"""A transport that sends SAMO calls to a relay script on the whitelisted server.

Relay protocol (Crystal Bay relay v1; contract ``samo.md`` section 2). The hub's SAMO client
keeps building its usual request, ``GET https://<operator>/export/default.php?samo_action=api
&version=1.0&type=json&action=<Action>&oauth_token=<t>&<PARAM>=<v>...``. This transport turns
it into::

    GET <SAMO_RELAY_URL>?action=<Action>&params=<JSON object of every other parameter>
    X-Relay-Key: <SAMO_RELAY_KEY>          (only when set)

``samo_action``, ``oauth_token`` and any ``Authorization`` header are dropped: the token lives
on the relay server, never on the hub's wire. ``version``, ``type`` and ``LNG`` travel inside
``params``. The relay adds ``samo_action=api`` and the token, calls the operator with GET (the
contract's safer choice; Crystal Bay's original relay POSTed a form) and echoes status,
``Content-Type`` and body unchanged, so the SAMO client parses the envelope as usual. When the
relay itself fails it answers with an ``X-Relay-Error`` header, which this transport turns into
an ``IntegrationError`` naming the relay. Only ``GET`` requests with an ``action`` parameter
(``samo_action=api``) can be relayed.

(For an nginx ``proxy_pass`` relay no transport is needed: point ``SAMO_API_URL`` at it.)

Certainty: the relay pattern is known only from one client repository (contract tag
[CLIENT]), which says the script is "optionally guarded by an API key" without saying how; the
``X-Relay-Key`` header, the ``X-Relay-Error`` header and GET towards the relay are this
project's own choices, so a relay written for Crystal Bay's original client must be adapted.

Reference relay (PHP 7+ with cURL); ``crystalbay_plugins.proxy.testing.FakeSamoRelay``
behaves the same::

    <?php  // samo_proxy.php on the whitelisted server
    const SAMO_URL = 'https://booking.crystalbay.com/export/default.php';
    const SAMO_TOKEN = '<operator token>';
    const RELAY_KEY = '<same as SAMO_RELAY_KEY, or empty>';
    function fail($code, $why) { http_response_code($code); header("X-Relay-Error: $why"); exit; }
    if (RELAY_KEY !== '' && !hash_equals(RELAY_KEY, $_SERVER['HTTP_X_RELAY_KEY'] ?? '')) {
        fail(401, 'wrong relay key');
    }
    $params = json_decode($_GET['params'] ?? '{}', true);
    if (empty($_GET['action']) || !is_array($params)) fail(400, 'action and params are required');
    unset($params['samo_action'], $params['oauth_token'], $params['action']);
    $query = http_build_query(array_merge(['version' => '1.0', 'type' => 'json'], $params,
        ['samo_action' => 'api', 'action' => $_GET['action'], 'oauth_token' => SAMO_TOKEN]));
    $ch = curl_init(SAMO_URL . '?' . $query);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 60]);
    $body = curl_exec($ch);
    if ($body === false) fail(502, 'operator unreachable: ' . curl_error($ch));
    http_response_code(curl_getinfo($ch, CURLINFO_RESPONSE_CODE));
    header('Content-Type: ' . (curl_getinfo($ch, CURLINFO_CONTENT_TYPE) ?: 'application/json'));
    echo $body;
"""

from __future__ import annotations

import base64
import logging

import httpx
import msgspec

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.proxy.transports import masked_error
from crystalbay_plugins.proxy.urls import mask_url

__all__ = ["RELAY_ERROR_HEADER", "RELAY_KEY_HEADER", "RelayTransport"]

logger = logging.getLogger("crystalbay_plugins.proxy")

RELAY_KEY_HEADER = "X-Relay-Key"
RELAY_ERROR_HEADER = "X-Relay-Error"
_DROPPED_PARAMS = frozenset({"samo_action", "oauth_token", "action"})
_DROPPED_HEADERS = frozenset(
    {"host", "authorization", "content-length", "content-type", "transfer-encoding"}
)
_INTEGRATION = "proxy"


class RelayTransport(httpx.AsyncBaseTransport):
    """Rewrite SAMO requests for the relay script and send them with ``inner``.

    Args:
        relay_url: ``SAMO_RELAY_URL``; user and password in it become Basic auth.
        key: ``SAMO_RELAY_KEY``, sent as ``X-Relay-Key``.
        inner: The transport that reaches the relay (default: a direct one).
    """

    def __init__(
        self,
        relay_url: str,
        *,
        key: str | None = None,
        inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        url = httpx.URL(relay_url)
        self.masked_url = mask_url(relay_url)
        self._url = url.copy_with(userinfo=b"")
        self._secrets = tuple(s for s in (key, url.password) if s)
        self._headers = _auth_headers(url, key)
        self._inner = inner or httpx.AsyncHTTPTransport(retries=1)

    def __repr__(self) -> str:
        return f"<RelayTransport to {self.masked_url}>"

    def rewrite(self, request: httpx.Request) -> httpx.Request:
        """The relay request for a SAMO ``request``.

        Raises:
            IntegrationRejected: ``request`` is not a GET with an ``action`` parameter.
        """
        params = dict(request.url.params.multi_items())
        action = params.get("action")
        if request.method != "GET" or not action or params.get("samo_action", "api") != "api":
            raise IntegrationRejected(
                f"the SAMO relay carries only GET samo_action=api calls with an action, not"
                f" {request.method} {params.get('samo_action', '')}/{action or ''}; call the"
                " operator directly or through PROXY_URL for other calls",
                integration=_INTEGRATION,
            )
        payload = {k: v for k, v in params.items() if k not in _DROPPED_PARAMS}
        url = self._url.copy_merge_params(
            {"action": action, "params": msgspec.json.encode(payload).decode()}
        )
        headers = [
            (name, value)
            for name, value in request.headers.multi_items()
            if name.lower() not in _DROPPED_HEADERS
        ]
        return httpx.Request(
            "GET", url, headers=[*headers, *self._headers], extensions=request.extensions
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Relay ``request`` and return the operator's answer as the relay echoed it.

        Raises:
            IntegrationRejected: The relay refused (wrong key, bad request).
            IntegrationUnavailable: The relay could not reach the operator.
            httpx.TransportError: The relay itself is unreachable (message names it).
        """
        relayed = self.rewrite(request)
        logger.debug("relaying %s to %s", relayed.url.params.get("action"), self.masked_url)
        try:
            response = await self._inner.handle_async_request(relayed)
        except httpx.TransportError as exc:
            where = f"at the SAMO relay {self.masked_url} (SAMO_RELAY_URL)"
            raise masked_error(exc, request, where, self._secrets) from None
        if RELAY_ERROR_HEADER.lower() in response.headers:
            await response.aclose()
            raise _relay_error(response, self.masked_url)
        return response

    async def aclose(self) -> None:
        """Close the inner transport."""
        await self._inner.aclose()


def _auth_headers(url: httpx.URL, key: str | None) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    if url.username or url.password:
        token = base64.b64encode(f"{url.username}:{url.password}".encode()).decode()
        headers.append(("Authorization", f"Basic {token}"))
    if key:
        headers.append((RELAY_KEY_HEADER, key))
    return headers


def _relay_error(
    response: httpx.Response, masked_url: str
) -> IntegrationRejected | IntegrationUnavailable:
    why = response.headers[RELAY_ERROR_HEADER]
    detail = f"the SAMO relay {masked_url} answered {response.status_code}: {why}"
    if response.status_code in (401, 403):
        return IntegrationRejected(f"{detail}; check SAMO_RELAY_KEY", integration=_INTEGRATION)
    if response.status_code >= 500:  # noqa: PLR2004
        return IntegrationUnavailable(f"{detail}; try again later", integration=_INTEGRATION)
    return IntegrationRejected(detail, integration=_INTEGRATION)
