"""Which leads a dashboard user may open and change, and why a stage move is refused."""

from __future__ import annotations

from crystalbay.domain.leads import Lead
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import InvalidTransition, NotFound
from crystalbay.hub import Hub
from crystalbay_web.i18n import t
from crystalbay_web.sessions import SessionUser

__all__ = ["refusal_message", "visible_lead"]


async def visible_lead(hub: Hub, user: SessionUser, lead_id: int) -> Lead:
    """The lead, if ``user`` may see it (managers: own and unassigned leads).

    Raises:
        NotFound: No such lead, or it belongs to another manager (not revealed either way).
    """
    lead = await hub.leads.get(lead_id)
    if not user.can_see(lead.assignee):
        raise NotFound(f"lead {lead_id} does not exist", field="lead_id")
    return lead


def refusal_message(lead: Lead, target: Stage, exc: InvalidTransition, lang: str) -> str:
    """The pipeline rule that refused moving ``lead`` to ``target``, in ``lang``."""
    paid = Stage.PAID.position
    if lead.outcome is not Outcome.OPEN:
        return t("move.closed", lang)
    if lead.stage.position < paid < target.position:
        return t("move.skip_payment", lang)
    if lead.stage.position >= paid > target.position:
        return t("move.back_from_paid", lang)
    return exc.detail
