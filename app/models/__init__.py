"""ORM classes, one module per aggregate; importing this package registers them all."""

from app.models.account import Account, NetworkMembership
from app.models.audit import AccessAudit, AccessAuditSubscriber
from app.models.contract import Contract
from app.models.conversation import (
    Conversation,
    ConversationFacet,
    ConversationSections,
    ConversationText,
)
from app.models.credential import AppKey, BearerToken, OAuthNonce, User

__all__ = [
    "AccessAudit",
    "AccessAuditSubscriber",
    "Account",
    "AppKey",
    "BearerToken",
    "Contract",
    "Conversation",
    "ConversationFacet",
    "ConversationSections",
    "ConversationText",
    "NetworkMembership",
    "OAuthNonce",
    "User",
]
