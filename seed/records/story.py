"""One conversation's state while it is told, and how its messages are written.

`plot` decides what happens, `roster` moves agents in and out, `nlu` adds the bot's verdicts;
this module keeps the state and writes messages with their delivery statuses and MCS scores.

The story runs on a clock (`Story.t`) that only moves forward, so messages, statuses and
participants are in time order by construction. Two things stop a story early, and both leave
the conversation open: reaching now (a conversation started minutes ago is still going), and
reaching the resting point chosen for an older open conversation (`stop`: with the bot, in the
queue after an escalation, or with a human). Both raise `Cut`.

Hot path: a story is built for every record, so it draws with `random()` and plain indexing
rather than `choice`/`randint`, and copies prepared dicts from the catalog.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from seed.records.clock import ts
from seed.records.people import NAMED_SOURCES

if TYPE_CHECKING:
    from seed.factories import Agent, Skill
    from seed.records.catalog import Catalog, RenderedTopic
    from seed.records.people import Consumer, Device

CONTAINED, TANGO, ABANDONED = "contained", "tango", "abandoned"
RICH_SOURCES = frozenset(("SHARK", "APP", "Apple Business Chat", "FACEBOOK"))
PHOTO_SOURCES = frozenset(("SHARK", "APP", "Apple Business Chat", "WhatsApp Business"))
# Per-message sentiment scores (messageRawScore) drawn by the conversation's mood.
MOOD_RAW = {
    1: (0, 1, 1, 2, 1, 2, 0, 1),
    0: (-1, 0, 0, 1, 0, 0, 1, -1),
    -1: (-2, -1, -1, 0, -2, -3, -1, 0),
}
AGENT_INTENT = ("speak_to_agent", "Speak to an agent")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "tomorrow")
TIMES = ("9:30", "10:00", "11:15", "12:30", "13:45", "15:00", "16:30", "18:00", "19:30")
INSURERS = ("Northwind Health", "Contoso Care", "Fabrikam Mutual", "Tailspin Health Plans")


class Cut(Exception):
    """The conversation is still open at this point of its story."""


class Story:
    """The mutable state of one conversation while it is told."""

    __slots__ = (
        "__weakref__",
        "agent",
        "awaiting_since",
        "cat",
        "close_ms",
        "close_reason",
        "cobrowse",
        "consumer",
        "conv_id",
        "detail",
        "device",
        "fill",
        "first_intent",
        "horizon",
        "humans_seen",
        "intents",
        "interactions",
        "latest_agent",
        "leaves",
        "mcs",
        "messages",
        "mood",
        "participants",
        "photos",
        "prefix",
        "present",
        "queue_state",
        "random",
        "read_receipts",
        "reply",
        "rich",
        "rng",
        "scores",
        "seq",
        "skill",
        "skill_changes",
        "source",
        "start",
        "start_stamp",
        "statuses",
        "stop",
        "t",
        "topic",
        "transfers",
    )

    def __init__(
        self,
        rng: random.Random,
        cat: Catalog,
        *,
        conv_id: str,
        start: int,
        horizon: int,
        topic: RenderedTopic,
        consumer: Consumer,
        source: str,
        device: Device,
        stop: str,
    ) -> None:
        self.random = rng.random
        self.rng = rng
        self.cat = cat
        self.conv_id = conv_id
        self.prefix = "ms::conv:" + conv_id + "::msg:"
        self.start = start
        self.start_stamp = ts(start)  # used by info, dialogs and consumerParticipants
        self.t = start
        self.horizon = horizon
        self.stop = stop  # "" (run to the end), "bot", "queue" or "human"
        self.topic = topic
        self.consumer = consumer
        self.source = source
        self.device = device
        self.rich = source in RICH_SOURCES
        self.photos = source in PHOTO_SOURCES
        self.read_receipts = source != "SMS"  # SMS reports delivery, never reading
        self.fill = Fill(self)
        known = consumer.authenticated or source in NAMED_SOURCES
        self.fill.update(
            first=consumer.first if known else "there",
            agent="",
            bot=cat.bot.nickname,
            company=cat.company,
            label=topic.topic.label.lower(),
            skill="",
        )
        self.reply = 0  # which of the topic's human replies (and matching summary) was given
        self.detail = int(self.random() * len(topic.details))  # the next detail to tell
        self.seq = 0
        self.messages: list[dict[str, Any]] = []
        self.statuses: list[dict[str, Any]] = []
        self.scores: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self.leaves: list[dict[str, Any]] = []
        self.transfers: list[dict[str, Any]] = []
        self.interactions: list[dict[str, Any]] = []
        self.skill_changes: list[dict[str, Any]] = []
        self.intents: list[dict[str, Any]] = []
        self.present: list[tuple[Agent, dict[str, Any]]] = []  # agents in the main dialog
        self.agent: Agent | None = None  # who answers the consumer now
        self.latest_agent: Agent | None = None
        self.humans_seen: list[Agent] = []
        self.skill: Skill = cat.bot_skill
        self.queue_state = "ACTIVE"
        self.mood = 0
        self.mcs = 50
        self.awaiting_since = -1  # time of the consumer message no agent has answered yet
        self.close_ms = -1
        self.close_reason = ""
        self.first_intent: tuple[str, str] | None = None
        self.cobrowse: dict[str, Any] | None = None

    # -- the clock ---------------------------------------------------------------------------

    def wait(self, low_ms: int, high_ms: int) -> int:
        """Move the clock forward by a uniform delay; stop the story if that passes now."""
        t = self.t + low_ms + int(self.random() * (high_ms - low_ms))
        if t > self.horizon:
            raise Cut
        self.t = t
        return t

    def next_detail(self) -> str:
        """The consumer's next detail about their issue (they do not repeat themselves)."""
        details = self.topic.details
        text = details[self.detail % len(details)]
        self.detail += 1
        return text.format_map(self.fill) if "{" in text else text

    def text(self, template: str) -> str:
        """Fill the per-conversation placeholders of a text."""
        return template.format_map(self.fill) if "{" in template else template

    # -- messages ----------------------------------------------------------------------------

    def status(self, message_id: str, seq: int, t: int, who: str, kind: str, state: str) -> None:
        """Record one delivery status of a message, unless it would happen after now."""
        if t <= self.horizon:
            self.statuses.append(
                {
                    "messageId": message_id,
                    "seq": seq,
                    "time": ts(t),
                    "timeL": t,
                    "participantId": who,
                    "participantType": kind,
                    "messageDeliveryStatus": state,
                    "dialogId": self.conv_id,
                }
            )

    def receipts(self, message_id: str, seq: int, t: int, who: str, kind: str, read: float) -> None:
        """Record the receiving side's ACCEPT of a message, then READ with probability `read`.

        Callers draw first whether a message gets statuses at all: not every one does
        (LivePerson records what the devices report), which also keeps this most numerous
        section in proportion.
        """
        r = self.random
        accepted = t + 60 + int(r() * 1_400)
        self.status(message_id, seq, accepted, who, kind, "ACCEPT")
        if r() < read:
            self.status(message_id, seq, accepted + 500 + int(r() * 30_000), who, kind, "READ")

    def _next_message(self, low_ms: int, high_ms: int) -> tuple[int, int, str]:
        """Move the clock to the next message's time and take its seq and id.

        :raises Cut: when that time lies past the horizon (the conversation is still open).
        """
        t = self.t + low_ms + int(self.random() * (high_ms - low_ms))
        if t > self.horizon:
            raise Cut
        self.t = t
        seq = self.seq
        self.seq = seq + 1
        return t, seq, self.prefix + str(seq)

    def consumer_says(
        self,
        text: str,
        low_ms: int,
        high_ms: int,
        kind: str = "TEXT_PLAIN",
        data: dict[str, Any] | None = None,
    ) -> str:
        """The consumer writes; the agent present accepts and reads it; MCS is rescored."""
        r = self.random
        t, seq, message_id = self._next_message(low_ms, high_ms)
        horizon = self.horizon
        conv_id = self.conv_id
        self.messages.append(
            {
                "type": kind,
                "messageData": data or {"msg": {"text": text}},
                "messageId": message_id,
                "seq": seq,
                "dialogId": conv_id,
                "participantId": self.consumer.participant_id,
                "time": ts(t),
                "timeL": t,
                "sentBy": "Consumer",
                "audience": "ALL",
            }
        )
        if self.agent is not None and r() < 0.4:
            self.receipts(message_id, seq, t, self.agent.agent_id, "Agent", 0.9)
        scores = MOOD_RAW[self.mood]
        raw = scores[int(r() * len(scores))]
        mcs = self.mcs + raw * 8 + int(r() * 5) - 2
        self.mcs = mcs = 0 if mcs < 0 else 100 if mcs > 100 else mcs
        at = t + 200 + int(r() * 1_300)
        if at <= horizon:
            self.scores.append(
                {
                    "messageId": message_id,
                    "time": ts(at),
                    "timeL": at,
                    "mcs": mcs,
                    "messageRawScore": raw,
                }
            )
        if self.awaiting_since < 0:
            self.awaiting_since = t
        return message_id

    def agent_says(
        self,
        agent: Agent,
        text: str,
        low_ms: int,
        high_ms: int,
        *,
        kind: str = "TEXT_PLAIN",
        data: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
        audience: str = "ALL",
    ) -> None:
        """An agent writes; the consumer's device accepts it and (often) reads it."""
        r = self.random
        t, seq, message_id = self._next_message(low_ms, high_ms)
        conv_id = self.conv_id
        message = {
            "type": kind,
            "messageData": data or {"msg": {"text": text}},
            "messageId": message_id,
            "seq": seq,
            "dialogId": conv_id,
            "participantId": agent.agent_id,
            "time": ts(t),
            "timeL": t,
            "sentBy": "Agent",
            "audience": audience,
        }
        if context is not None:
            message["contextData"] = context
        self.messages.append(message)
        if audience != "ALL":
            return
        if r() < 0.6:
            read = 0.6 if self.read_receipts else 0.0
            self.receipts(message_id, seq, t, self.consumer.participant_id, "Consumer", read)
        self.awaiting_since = -1


class Fill(dict[str, str]):
    """One conversation's placeholder values; each is drawn the first time a text needs it.

    Drawing on demand keeps all texts of a conversation in agreement (one order number, one
    product, one amount) without paying for the values a conversation never mentions. The story
    is held weakly: a story and its fill in a reference cycle would keep every record alive
    until the cyclic collector ran.
    """

    __slots__ = ("story",)

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = weakref.ref(story)

    def __missing__(self, key: str) -> str:
        story = self.story()
        assert story is not None, "a fill outlived its story"  # noqa: S101
        value = self[key] = _FILLERS[key](story)
        return value


def _pick(story: Story, values: Sequence[str]) -> str:
    return values[int(story.random() * len(values))]


def _second_product(story: Story) -> str:
    products = story.cat.products
    first = products.index(story.fill["product"])
    return products[(first + 1 + int(story.random() * (len(products) - 1))) % len(products)]


_FILLERS: dict[str, Callable[[Story], str]] = {
    "order": lambda story: str(int(story.random() * 9_000_000) + 1_000_000),
    "ref": lambda story: "T-" + str(int(story.random() * 900_000) + 100_000),
    "product": lambda story: _pick(story, story.cat.products),
    "product2": _second_product,
    "amount": lambda story: _pick(story, story.cat.amounts[story.consumer.geo.currency]),
    "day": lambda story: _pick(story, DAYS),
    "time": lambda story: _pick(story, TIMES),
    "city": lambda story: story.consumer.geo.city,
    "doctor": lambda story: _pick(story, story.cat.doctors),
    "insurer": lambda story: _pick(story, INSURERS),
}


def say(story: Story, seq: tuple[str, ...]) -> str:
    """Pick one of several texts and fill it for this conversation."""
    text = seq[int(story.random() * len(seq))]
    return text.format_map(story.fill) if "{" in text else text
