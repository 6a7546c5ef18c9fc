"""Ports: the Protocols that adapters (from plugins) satisfy."""

from crystalbay.ports.assistant import Assistant
from crystalbay.ports.channel import Channel
from crystalbay.ports.common import Health
from crystalbay.ports.crm import CRM
from crystalbay.ports.files import FileContent, FileSource
from crystalbay.ports.tour_provider import DictionaryKind, TourProvider

__all__ = [
    "CRM",
    "Assistant",
    "Channel",
    "DictionaryKind",
    "FileContent",
    "FileSource",
    "Health",
    "TourProvider",
]
