"""Everything about one subscriber that its conversations reuse, prepared once.

Texts get the subscriber's name here (the rest of their placeholders is filled per conversation,
so that one conversation speaks of one product, one amount, one day), structured-content cards
and quick replies are serialised here, and the fixed parts of agent participants and campaigns
are built here: per record, the story only picks, fills and copies.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from seed.records import phrases
from seed.records.clock import uuid4
from seed.records.industries import INDUSTRIES, Industry, Topic
from seed.records.people import SOURCE_WEIGHTS, SOURCES

if TYPE_CHECKING:
    from seed.factories import Agent, Skill, SubscriberProfile

AUTO_CLOSE_MINUTES = (30, 60, 120)
CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "CAD": "CA$", "AUD": "A$", "EUR": "€"}
RESPONSE_TIMES_MS = (120_000, 300_000, 600_000, 900_000)


class _Keep(dict[str, str]):
    """Format mapping that leaves unknown placeholders (filled per conversation) in place."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


class RenderedTopic:
    """A topic with its texts carrying the subscriber's name."""

    __slots__ = (
        "topic",
        "skill",
        "openers",
        "details",
        "bot_answers",
        "human_replies",
        "resolutions",
        "summaries",
        "card",
        "card_keys",
        "alternative",
    )

    def __init__(
        self, topic: Topic, skill: Skill, company: str, card: str, alternative: Topic
    ) -> None:
        keep = _Keep(company=company)
        self.topic = topic
        self.skill = skill
        self.openers = tuple(t.format_map(keep) for t in topic.openers)
        self.details = tuple(t.format_map(keep) for t in topic.details)
        self.bot_answers = tuple(t.format_map(keep) for t in topic.bot_answers)
        # human_replies[i] and summaries[i] tell the same resolution.
        self.human_replies = tuple(t.format_map(keep) for t in topic.human_replies)
        self.resolutions = tuple(t.format_map(keep) for t in topic.resolutions)
        self.summaries = tuple(t.format_map(keep) for t in topic.summaries)
        self.card = card  # JSON text; its placeholders are replaced per conversation
        self.card_keys = tuple(
            key for key in ("order", "product", "product2", "amount", "day") if f"{{{key}}}" in card
        )
        self.alternative = alternative  # the runner-up intent the NLU also reports


class Catalog:
    """One subscriber's ready-made pieces (immutable once built, so calls can share them).

    Everything is drawn from a generator seeded with the profile itself, not from the caller's:
    the same subscriber gets the same campaigns, survey ids, channel mix and active period in
    every call, which is what a loader that generates in chunks (one call per chunk, one seed
    each) needs for the chunks to agree.
    """

    # Set by _render_texts and _channels.
    products: tuple[str, ...]
    amounts: dict[str, tuple[str, ...]]
    doctors: tuple[str, ...]
    topics: tuple[RenderedTopic, ...]
    topic_cum: list[float]
    bot_greetings: tuple[str, ...]
    human_greetings: tuple[str, ...]
    human_bye: tuple[str, ...]
    survey_intro: str
    survey_nps: str
    quick_replies: str
    csat_replies: str
    fcr_replies: str
    sources: tuple[str, ...]
    source_cum: list[float]
    campaigns: dict[str, tuple[dict[str, Any], ...]]
    pages: tuple[tuple[str, str], ...]

    def __init__(
        self, profile: SubscriberProfile, *, first_ms: int, now_ms: int, always_active: bool
    ) -> None:
        rng = random.Random(repr(profile))  # a str seed is hashed with SHA-512: stable
        self.profile = profile
        self.account_id = profile.account_id
        self.company = profile.name
        self.domain = "".join(c for c in profile.name.lower() if c.isalnum())[:24] + ".example"
        bot_skills = [s for s in profile.skills if s.is_bot]
        self.human_skills = tuple(s for s in profile.skills if not s.is_bot)
        if not (bot_skills and self.human_skills and profile.bots and profile.humans):
            raise ValueError(
                f"profile {profile.account_id} needs a bot skill, a human skill, a bot and a human"
            )
        self.bot_skill = bot_skills[0]
        self.bot = profile.bots[0]
        self.survey_bot = profile.bots[-1]
        self.humans = profile.humans
        # Some agents take more conversations than others.
        self.human_cum = list(accumulate(0.5 + rng.random() for _ in profile.humans))
        self.industry = _industry_of(profile, rng)
        self.active_from, self.active_to = _active_period(rng, first_ms, now_ms, always_active)
        self.auto_close_ms = rng.choice(AUTO_CLOSE_MINUTES) * 60_000
        self.response_ms = {s.skill_id: rng.choice(RESPONSE_TIMES_MS) for s in profile.skills}
        self.survey_id = str(rng.randrange(100_000_000, 999_999_999))
        self.question_ids = tuple(str(rng.randrange(10_000, 99_999)) for _ in range(3))
        self.agent_survey_id = str(rng.randrange(1_000_000, 9_999_999))
        self.agent_question_ids = tuple(uuid4(rng) for _ in range(3))
        self.intent_model = {
            "modelName": f"{self.industry.key}-intents",
            "modelVersion": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
        }
        self.app_id = f"com.{self.domain.split('.')[0]}.app"
        self.lob = (rng.randrange(1_000_000_000, 3_000_000_000), "Consumer")
        self.base = {a.agent_id: _participant_base(a) for a in (*profile.bots, *profile.humans)}
        self.latest_agent = {
            a.agent_id: {
                "latestAgentId": a.agent_id,
                "latestAgentLoginName": a.login_name,
                "latestAgentNickname": a.nickname,
                "latestAgentFullName": a.full_name,
                "agentDeleted": False,
                "latestAgentGroupId": a.group_id,
                "latestAgentGroupName": a.group_name,
            }
            for a in (*profile.bots, *profile.humans)
        }
        self.interaction_base = {
            a.agent_id: {
                "assignedAgentId": a.agent_id,
                "assignedAgentLoginName": a.login_name,
                "assignedAgentNickname": a.nickname,
                "assignedAgentFullName": a.full_name,
            }
            for a in (*profile.bots, *profile.humans)
        }
        self._render_texts(rng)
        self._channels(rng)

    def _render_texts(self, rng: random.Random) -> None:
        industry = self.industry
        products = list(industry.products)
        rng.shuffle(products)
        self.products = tuple(products[:4])  # what this business is asked about most
        scale = rng.choice((1.0, 1.5, 2.5))
        prices = [round((9 + 151 * rng.random()) * scale, 2) for _ in range(64)]
        # The amounts a conversation can mention, written in the consumer's currency.
        self.amounts = {
            currency: tuple(f"{sign}{price:.2f}" for price in prices)
            for currency, sign in CURRENCY_SIGNS.items()
        }
        self.doctors = tuple(rng.sample(phrases.DOCTORS, 3))
        company = self.company
        keep = _Keep(company=company)
        skills_by_name = {s.name: s for s in self.human_skills}
        topics = industry.topics
        self.topics = tuple(
            RenderedTopic(
                t,
                skills_by_name.get(t.skill, self.human_skills[i % len(self.human_skills)]),
                company,
                self._card(t),
                topics[(i + 1) % len(topics)],
            )
            for i, t in enumerate(topics)
        )
        self.topic_cum = list(accumulate(0.3 + rng.random() for _ in topics))
        self.bot_greetings = tuple(
            g.replace("{company}", company).replace("{bot}", self.bot.nickname)
            for g in phrases.BOT_GREETINGS
        )
        self.human_greetings = tuple(g.format_map(keep) for g in phrases.HUMAN_GREETINGS)
        self.human_bye = tuple(g.format_map(keep) for g in phrases.HUMAN_BYE)
        self.survey_intro = phrases.SURVEY_INTRO.format(company=company)
        self.survey_nps = phrases.SURVEY_NPS.format(company=company)
        self.quick_replies = _quick_replies(
            [(t.topic.label, t.topic.intent) for t in self.topics] + [("Talk to an agent", "agent")]
        )
        self.csat_replies = _quick_replies([(a, a) for a in reversed(phrases.SURVEY_CSAT_ANSWERS)])
        self.fcr_replies = _quick_replies([("Yes", "yes"), ("No", "no")])

    def _card(self, topic: Topic) -> str:
        keep = _Keep(company=self.company)
        title, subtitle, button = (s.format_map(keep) for s in topic.card)
        path = topic.intent.replace("_", "-")
        card = {
            "type": "vertical",
            "elements": [
                {
                    "type": "image",
                    "url": f"https://cdn.{self.domain}/img/{path}.jpg",
                    "tooltip": title,
                },
                {
                    "type": "text",
                    "text": title,
                    "tooltip": title,
                    "style": {"bold": True, "size": "large"},
                },
                {"type": "text", "text": subtitle, "tooltip": subtitle},
                {
                    "type": "button",
                    "title": button,
                    "tooltip": button,
                    "click": {
                        "metadata": [{"type": "ExternalId", "id": topic.intent}],
                        "actions": [
                            {
                                "type": "link",
                                "name": button,
                                "uri": f"https://www.{self.domain}/{path}",
                            }
                        ],
                    },
                },
            ],
        }
        return _compact(card)

    def _channels(self, rng: random.Random) -> None:
        """Each subscriber uses its own mix of channels; every one has web messaging."""
        weights = [w * (0.2 + 1.3 * rng.random()) for w in SOURCE_WEIGHTS]
        for i in range(1, len(weights)):
            if rng.random() < 0.3:
                weights[i] = 0.0
        self.sources = SOURCES
        self.source_cum = list(accumulate(weights))
        engagement_ids = iter(range(rng.randrange(2_000_000_000, 3_000_000_000), 10**10, 7919))
        self.campaigns = {
            source: tuple(
                _campaign(self, source, name, next(engagement_ids), rng) for name in names
            )
            for source, names in _ENGAGEMENTS.items()
        }
        paths = [
            (
                f"https://www.{self.domain}/{t.topic.intent.replace('_', '-')}",
                f"{t.topic.label} | {self.company}",
            )
            for t in self.topics
        ]
        self.pages = (*paths, (f"https://www.{self.domain}/", f"{self.company} - Home"))


_ENGAGEMENTS = {
    "SHARK": ("Help button - all pages", "Proactive - checkout"),
    "APP": ("In-app messaging",),
    "SMS": ("Text us",),
    "FACEBOOK": ("Messenger",),
    "WhatsApp Business": ("WhatsApp",),
    "Apple Business Chat": ("Messages for Business",),
}
_ENGAGEMENT_SOURCES = {
    "SHARK": "WEB_SITE",
    "APP": "MOBILE_APP",
    "SMS": "SMS",
    "FACEBOOK": "SOCIAL_MEDIA",
    "WhatsApp Business": "SOCIAL_MEDIA",
    "Apple Business Chat": "SOCIAL_MEDIA",
}
_APPLICATION_TYPES = {"SHARK": "Web", "APP": "Mobile App"}


@lru_cache(maxsize=256)
def catalog_for(
    profile: SubscriberProfile, *, first_ms: int, now_ms: int, always_active: bool
) -> Catalog:
    """Return the subscriber's catalog for this window, built once per process."""
    return Catalog(profile, first_ms=first_ms, now_ms=now_ms, always_active=always_active)


def _active_period(
    rng: random.Random, first_ms: int, now_ms: int, always_active: bool
) -> tuple[int, int]:
    """When the subscriber is in the marketplace: most of them throughout, some join late, a
    few leave (the biggest are always there)."""
    span = now_ms - first_ms
    roll = rng.random()
    if always_active or roll >= 0.3:
        return first_ms, now_ms + 1
    if roll < 0.22:
        return first_ms + int(span * rng.uniform(0.1, 0.7)), now_ms + 1
    return first_ms, first_ms + int(span * rng.uniform(0.55, 0.9))


def _campaign(
    cat: Catalog, source: str, engagement: str, engagement_id: int, rng: random.Random
) -> dict[str, Any]:
    web = source == "SHARK"
    app_type = _APPLICATION_TYPES.get(source, "Messaging Connector")
    return {
        "campaignEngagementId": str(engagement_id),
        "campaignEngagementName": engagement,
        "campaignId": str(engagement_id - rng.randrange(1_000, 90_000)),
        "campaignName": "Web messaging" if web else f"{source} messaging",
        "goalId": str(engagement_id - 53_100),
        "goalName": "Interact with consumers",
        "engagementSource": _ENGAGEMENT_SOURCES[source],
        "visitorBehaviorId": str(engagement_id + 1_201),
        "visitorBehaviorName": "Any behavior",
        "engagementApplicationId": uuid4(rng),
        "engagementApplicationName": f"{cat.company} {app_type}",
        "engagementApplicationTypeId": uuid4(rng),
        "engagementApplicationTypeName": app_type,
        "visitorProfileId": str(engagement_id + 3_303),
        "visitorProfileName": "All visitors",
        "lobId": cat.lob[0],
        "lobName": cat.lob[1],
        "locationId": str(engagement_id + 7_707),
        "locationName": "Entire site" if web else "Messaging",
        "behaviorSystemDefault": True,
        "profileSystemDefault": True,
    }


def _participant_base(agent: Agent) -> dict[str, Any]:
    return {
        "agentId": agent.agent_id,
        "agentLoginName": agent.login_name,
        "agentNickname": agent.nickname,
        "agentFullName": agent.full_name,
        "agentDeleted": False,
        "userType": agent.user_type,
        "userTypeName": "Bot" if agent.user_type == "2" else "Human",
        "agentGroupId": agent.group_id,
        "agentGroupName": agent.group_name,
    }


def _quick_replies(options: Sequence[tuple[str, str]]) -> str:
    replies = [
        {
            "type": "button",
            "tooltip": title,
            "title": title,
            "click": {
                "actions": [{"type": "publishText", "text": title}],
                "metadata": [{"type": "ExternalId", "id": ident}],
            },
        }
        for title, ident in options
    ]
    return _compact({"type": "quickReplies", "itemsPerRow": 8, "replies": replies})


def _industry_of(profile: SubscriberProfile, rng: random.Random) -> Industry:
    """Recognise the industry from the skill names; profiles made elsewhere get a random one."""
    names = {s.name for s in profile.skills}
    best = max(INDUSTRIES, key=lambda i: len(names & {i.bot_skill, *i.human_skills}))
    if names & {best.bot_skill, *best.human_skills}:
        return best
    return rng.choice(INDUSTRIES)
