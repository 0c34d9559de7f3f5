"""Every kind of subscriber business the generator knows.

A subscriber belongs to one industry. The industry names its skills and agent groups and gives
the topics of its conversations: for each topic the consumer's opening questions, the bot's
answers, the human agent's replies and the agent's summary.
"""

from __future__ import annotations

from seed.records.industries_goods import RESTAURANT, RETAIL, TRAVEL
from seed.records.industries_services import CLINIC, HOME_SERVICES, TELECOM
from seed.records.topics import Industry, Topic

INDUSTRIES: tuple[Industry, ...] = (RETAIL, RESTAURANT, CLINIC, TELECOM, TRAVEL, HOME_SERVICES)

__all__ = ["INDUSTRIES", "Industry", "Topic"]
