"""Closed value sets of a conversation record, one constant each, so filters and tests share them.

Only sets the reference gives as definite are enforced by the record schemas. ``CLOSE_REASONS`` and
``SOURCES`` are the documented values, kept here for search filters and fake data; a record's
``info.closeReason`` or ``info.source`` may carry other values, as real LivePerson exports do.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from app import domain

CONVERSATION_STATUSES: Final = ("OPEN", "CLOSE")
QUEUE_STATES: Final = ("IN_QUEUE", "ACTIVE")
ALERTED_MCS_VALUES: Final = (-1, 0, 1)
MCS_RANGE: Final = (0, 100)
CSAT_RANGE: Final = (1, 5)
# "undefined" is what LivePerson writes when it does not know the device.
DEVICES: Final = ("DESKTOP", "TABLET", "MOBILE", "NA", "undefined")
MESSAGE_CONTENT_TYPES: Final = (
    "TEXT_PLAIN",
    "TEXT_HTML",
    "LINK",
    "HOSTED_FILE",
    "IMG",
    "SECURE_FORM_INVITATION",
    "SECURE_FORM_SUBMIT",
    "RICH_CONTENT",
)
FILE_TYPES: Final = ("JPG", "PNG", "GIF", "TXT", "PDF")
AUDIENCES: Final = ("ALL", "AGENTS_AND_MANAGERS")
USER_TYPES: Final = ("0", "1", "2")
USER_TYPE_NAMES: Final = ("System", "Human", "Bot")
DIALOG_TYPES: Final = ("MAIN", "POST_SURVEY")
TRANSFER_REASONS: Final = ("back2Q", "Agent", "SuggestedAgentTimeout", "Skill", "TakeOver")
AGENT_SURVEY_STATUSES: Final = ("OPEN", "SUBMITTED", "DISMISSED", "CLOSED")
INTENT_CONFIDENCES: Final = ("LOW", "MEDIUM", "HIGH")

# Documented, not exhaustive: records are not checked against these two.
CLOSE_REASONS: Final = ("AGENT", "CONSUMER", "SYSTEM")
SOURCES: Final = (
    "APP",
    "SHARK",
    "AGENT",
    "SMS",
    "FACEBOOK",
    "Apple Business Chat",
    "WhatsApp Business",
)

# Engagement attribute (SDE) key -> the sdeType an event carrying that key must declare.
SDE_TYPE_BY_KEY: Final[Mapping[str, str]] = MappingProxyType(
    {
        "customerInfo": "CUSTOMER_INFO",
        "personalInfo": "PERSONAL_INFO",
        "cartStatus": "CART_STATUS",
        "purchase": "PURCHASE",
        "marketingCampaignInfo": "MARKETING_CAMPAIGN_INFO",
        "searchContent": "SEARCH_CONTENT",
        "viewedProduct": "VIEWED_PRODUCT",
        "visitorError": "VISITOR_ERROR",
        "lead": "LEAD",
        "serviceActivity": "SERVICE_ACTIVITY",
    }
)
SDE_KEYS: Final = tuple(SDE_TYPE_BY_KEY)
SDE_TYPES: Final = tuple(SDE_TYPE_BY_KEY.values())

# Every section a record may carry besides ``info`` (defined with the domain's vocabulary).
RECORD_SECTIONS: Final = domain.RECORD_SECTIONS
