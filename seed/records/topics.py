"""The vocabulary's types: a kind of business (Industry) and a reason to get in touch (Topic).

Placeholders in the texts: {company} is filled once per subscriber; {order} {first} {agent}
{bot} {ref} {product} {product2} {day} {time} {amount} {city} {doctor} {insurer} per
conversation, so that one conversation speaks of one order, one product, one amount.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One reason to get in touch, with everything each side says about it."""

    intent: str  # the intent id the bot's NLU reports
    label: str
    skill: str  # the human skill that handles it
    sde: str  # engagement attribute the brand sends with it: purchase/cart/viewed/lead/service/""
    openers: tuple[str, ...]
    details: tuple[str, ...]
    bot_answers: tuple[str, ...]
    handoff: str  # actionReason when the bot escalates
    human_replies: tuple[str, ...]
    resolutions: tuple[str, ...]
    summaries: tuple[str, ...]
    card: tuple[str, str, str]  # structured-content card: title, subtitle, button


@dataclass(frozen=True)
class Industry:
    """A kind of subscriber business."""

    key: str
    suffixes: tuple[str, ...]  # endings for company names
    bot_skill: str
    human_skills: tuple[str, ...]
    groups: tuple[str, ...]
    products: tuple[str, ...]
    category: str  # product category in engagement attributes
    topics: tuple[Topic, ...]
