"""The only place that makes fake data: subscriber profiles and conversation records.

Everything is drawn from the `random.Random` passed in (Faker is seeded from it), so the same
seed gives the same output byte for byte (with the same Faker version). Records come out oldest
first, in exactly the Messaging Interactions JSON shape (one element of
``conversationHistoryRecords``): plain dicts, lists, strings, numbers and booleans, no None, no
empty section, and no object shared between two records. They pass ``schemas.records``
unchanged.

How a conversation goes (``seed.records.plot`` tells it):

- The consumer writes first; a bot (the subscriber's bot skill) joins and answers within seconds.
- About half of the conversations are contained by the bot; about 44 % are escalated (a
  ``Skill`` transfer from the bot skill to a human skill, with an ``actionReason``) and answered
  by a human after a log-normal wait (median about 100 s, at most 15 min); about 6 % are
  escalated but abandoned before any human replies.
- Close reasons: ``CONSUMER`` and ``AGENT`` are ``MANUAL_CLOSE``; ``SYSTEM`` is the inactivity
  auto-close (``closeReasonDescription`` ``AUTO_CLOSE``), the subscriber's timeout (30, 60 or 120
  minutes) after the last message. ``AGENT`` means an agent participant closed it: a human, or
  for a contained conversation the bot itself (LivePerson counts bots as agents, userType "2").
  An abandoned conversation never closes as ``AGENT``.
- Conversations still in progress are ``OPEN``. Whether one is depends on its age (most of the
  last few hours, about half of those two days old, none older than two weeks), so the daily
  volume stays smooth; with a 13-month window that is about 1 % of all records, not more. An
  open conversation sits with the bot, ``IN_QUEUE`` after an escalation, or ``ACTIVE`` with a
  human; a story that would run past now is cut there and stays open too.
- About 30 % of closed conversations (those closed by the consumer or an agent) get a post-
  conversation survey in its own ``POST_SURVEY`` dialog (csat, nps, fcr); ``info.csatRate``,
  ``endTime`` and ``fullDialogEndTime`` follow it.

Shapes the reference leaves open, chosen here:

- ``skillChanges``: ``[{time, timeL, sourceSkillId, sourceSkillName, targetSkillId,
  targetSkillName, reason, by, dialogId}]``, one per transfer to another skill (bot skill to human
  skill, human to human), ``reason`` being the escalation reason code; this is the shape
  ``schemas/records.py`` accepts;
- file messages carry ``messageData.file`` (HOSTED_FILE from consumers, IMG from agents), link
  messages ``messageData.link``; message ``seq`` runs on across the survey dialog, whose
  message ids are ``ms::dialog:{surveyDialogId}::msg:{seq}``;
- survey answers: ``answerId`` carries the value (csat "1".."5", nps "0".."10", fcr "yes"/"no");
- ``responseTime.configuredResponseTime`` is a duration in ms (the skill's response time);
- ``coBrowseSessions`` items use ``interactive`` (as LivePerson's examples do).

Subscribers do not all live through the whole window: the biggest are there from the start, some
join later and a few leave, so "active subscribers" moves over time. Most conversations (60 %)
come from a consumer who wrote to that subscriber before (same id, name, phone and usually the
same channel and device), so ``firstConversation`` and "conversations by consumer" mean
something.

Speed: about 9,000 records per second on one core (``bench/bench_factories.py``). Faker only
fills pools up front; a record is composed with ``random()`` from prepared pieces. A caller that
holds thousands of records at once pays for Python's cyclic garbage collector walking them
again and again (records contain no cycles, so a bulk loader can switch it off while loading).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from faker import Faker

from seed.records.generator import generate
from seed.records.industries import INDUSTRIES

__all__ = [
    "Agent",
    "Skill",
    "SubscriberProfile",
    "build_subscriber_profiles",
    "conversation_records",
]

BOT_NICKNAMES = ("Ava", "Max", "Sunny", "Ollie", "Nova", "Pip", "Milo", "Iris")


@dataclass(frozen=True)
class Agent:
    """A bot or human agent of one subscriber account."""

    agent_id: str
    login_name: str
    nickname: str
    full_name: str
    user_type: str  # "1" Human, "2" Bot
    group_id: int
    group_name: str


@dataclass(frozen=True)
class Skill:
    """A routing skill of one subscriber account."""

    skill_id: int
    name: str
    is_bot: bool


@dataclass(frozen=True)
class SubscriberProfile:
    """A subscriber business: its skills, agents and share of the marketplace's traffic."""

    account_id: str
    name: str
    skills: tuple[Skill, ...]
    bots: tuple[Agent, ...]
    humans: tuple[Agent, ...]
    weight: float  # share of traffic


class _Ids:
    """Numeric ids that never repeat across subscribers: a random start, random strides."""

    def __init__(self, rng: random.Random, low: int, high: int, stride: int) -> None:
        self._rng = rng
        self._next = rng.randrange(low, high)
        self._stride = stride

    def take(self) -> int:
        value = self._next
        self._next += self._rng.randint(1, self._stride)
        return value


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:24] or "brand"


def _company_name(fake: Faker, rng: random.Random, suffixes: Sequence[str], taken: set[str]) -> str:
    for _ in range(20):
        base = fake.last_name() if rng.random() < 0.7 else fake.city()
        name = f"{base} {rng.choice(suffixes)}"
        if name not in taken:
            return name
    return f"{fake.last_name()} {fake.last_name()} {rng.choice(suffixes)}"


def _weights(rng: random.Random, n: int) -> list[float]:
    """Zipf-like shares in random order: a few big subscribers and a long tail."""
    raw = [(1.0 / (rank + 1) ** 1.1) * (0.75 + 0.5 * rng.random()) for rank in range(n)]
    rng.shuffle(raw)
    total = sum(raw)
    return [w / total for w in raw]


def build_subscriber_profiles(
    account_ids: Sequence[str], *, rng: random.Random
) -> list[SubscriberProfile]:
    """Build one profile per account id: a company-like name, skills, bots, human agents."""
    fake = Faker("en_US")
    fake.seed_instance(rng.getrandbits(64))
    agent_ids = _Ids(rng, 1_000_000_000, 3_000_000_000, 997)
    skill_ids = _Ids(rng, 1_000, 5_000, 40)
    group_ids = _Ids(rng, 100_000, 900_000, 500)
    weights = _weights(rng, len(account_ids))
    taken: set[str] = set()
    profiles: list[SubscriberProfile] = []
    for account_id, weight in zip(account_ids, weights, strict=True):
        industry = rng.choice(INDUSTRIES)
        name = _company_name(fake, rng, industry.suffixes, taken)
        taken.add(name)
        domain = f"{_slug(name)}.example"
        human_skill_names = rng.sample(industry.human_skills, rng.randint(2, 4))
        skills = (
            Skill(skill_ids.take(), industry.bot_skill, True),
            *(Skill(skill_ids.take(), s, False) for s in human_skill_names),
        )
        group_names = rng.sample(industry.groups, min(len(industry.groups), rng.randint(1, 3)))
        groups = [(group_ids.take(), g) for g in group_names]
        bot_names = rng.sample(BOT_NICKNAMES, rng.randint(1, 2))
        bots = tuple(
            Agent(
                agent_id=str(agent_ids.take()),
                login_name=f"bot.{nick.lower()}@{domain}",
                nickname=nick,
                full_name=f"{nick} ({name} assistant)" if i == 0 else f"{nick} (survey bot)",
                user_type="2",
                group_id=-1,
                group_name="Main Group",
            )
            for i, nick in enumerate(bot_names)
        )
        humans = []
        for i in range(rng.randint(3, 8)):
            first, last = fake.first_name(), fake.last_name()
            group_id, group_name = groups[i % len(groups)]
            humans.append(
                Agent(
                    agent_id=str(agent_ids.take()),
                    login_name=_slug(first) + "." + _slug(last) + "@" + domain,
                    nickname=first,
                    full_name=f"{first} {last}",
                    user_type="1",
                    group_id=group_id,
                    group_name=group_name,
                )
            )
        profiles.append(
            SubscriberProfile(account_id, name, skills, bots, tuple(humans), round(weight, 6))
        )
    return profiles


def conversation_records(
    profiles: Sequence[SubscriberProfile],
    *,
    count: int,
    rng: random.Random,
    now_ms: int,
    months: int = 13,
) -> Iterator[dict[str, Any]]:
    """Yield `count` conversation records spread over the `months` before now, oldest first.

    :raises ValueError: when there are no profiles, or one has no bot, no human agent, no bot
        skill or no human skill.
    """
    return generate(profiles, count=count, rng=rng, now_ms=now_ms, months=months)
