"""``/leads/{id}/messages/{id}/files/{n}``: a file a customer sent, streamed through the hub.

A vendor URL is simply followed. A reference that only the channel adapter can open (Telegram's
``telegram-file:<file_id>``, whose download URL carries the bot token) is downloaded by the
adapter (the ``FileSource`` port) and streamed, so no vendor credential reaches the browser.
Only pictures, sound and video open inline; anything else downloads, and every answer carries
``nosniff`` and a sandboxing CSP, so a file cannot run script on the dashboard's origin.
"""

from __future__ import annotations

from litestar import get
from litestar.params import FromPath
from litestar.response import Redirect, Response

from crystalbay.domain.messages import Attachment
from crystalbay.errors import NotFound
from crystalbay.hub import Hub
from crystalbay.ports.files import FileContent, FileSource
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.pages.lead_access import visible_lead
from crystalbay_web.sessions import current_user

__all__ = ["file_url", "message_file"]

_INLINE = ("image/jpeg", "image/png", "image/gif", "image/webp", "audio/", "video/")


def file_url(lead_id: int, message_id: int, index: int, attachment: Attachment) -> str:
    """Where the dashboard links an attachment: the vendor's URL or this route."""
    if attachment.url.startswith(("https://", "http://")):
        return attachment.url
    return f"/leads/{lead_id}/messages/{message_id}/files/{index}"


@get("/leads/{lead_id:int}/messages/{message_id:int}/files/{index:int}")
async def message_file(
    request: AnyRequest,
    hub: HubDep,
    lead_id: FromPath[int],
    message_id: FromPath[int],
    index: FromPath[int],
) -> Response[bytes] | Redirect:
    """The ``index``-th file of a message of a lead the user may see.

    Raises:
        NotFound: No such lead, message or file, or no channel can open it.
    """
    await visible_lead(hub, current_user(request), lead_id)
    attachment = await _attachment(hub, lead_id, message_id, index)
    if attachment.url.startswith(("https://", "http://")):
        return Redirect(attachment.url)
    source = _source(hub, attachment.url)
    return _answer(await source.open_file(attachment.url), attachment)


async def _attachment(hub: Hub, lead_id: int, message_id: int, index: int) -> Attachment:
    missing = NotFound(f"message {message_id} has no file {index}", field="index")
    message = await hub.conversations.repo.get_message(message_id)
    conversation = await hub.conversations.repo.get(message.conversation_id)
    if conversation.lead_id != lead_id or not 0 <= index < len(message.attachments):
        raise missing
    return message.attachments[index]


def _source(hub: Hub, reference: str) -> FileSource:
    for channel in hub.channels.values():
        if isinstance(channel, FileSource) and channel.owns_file(reference):
            return channel
    scheme = reference.split(":", 1)[0]
    raise NotFound(f"no enabled channel opens {scheme!r} files; is its plugin configured?")


def _answer(file: FileContent, attachment: Attachment) -> Response[bytes]:
    mime = attachment.mime_type or file.mime_type
    name = (attachment.name or file.name or "file").replace('"', "")
    disposition = "inline" if mime.startswith(_INLINE) else "attachment"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{name}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, max-age=300",
    }
    return Response(file.content, media_type=mime, headers=headers)
