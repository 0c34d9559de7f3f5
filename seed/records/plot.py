"""The three ways a conversation goes: contained by the bot, handed to a human, abandoned.

Each function moves a `Story` through one phase; delays are in milliseconds. Any step may raise
`Cut` (the conversation is still open there), which `tell` turns into "not closed".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seed.records import nlu, phrases, roster
from seed.records.clock import ts, uuid4
from seed.records.story import ABANDONED, AGENT_INTENT, CONTAINED, Cut, Story, say

if TYPE_CHECKING:
    from seed.factories import Agent

MAX_QUEUE_WAIT_MS = 900_000  # 15 minutes
MEDIAN_QUEUE_WAIT_S = 100.0


def tell(story: Story, plan: str) -> bool:
    """Run the story for its plan; return whether the conversation closed."""
    try:
        bot_phase(story, escalating=plan != CONTAINED)
        if plan == CONTAINED:
            close_contained(story)
        else:
            escalate(story)
            if plan == ABANDONED:
                abandon(story)
            else:
                human_phase(story)
                close_handled(story)
    except Cut:
        return False
    return True


def bot_phase(story: Story, *, escalating: bool) -> None:
    """The consumer opens, the bot joins, greets and tries to answer."""
    r = story.random
    topic = story.topic
    cat = story.cat
    bot = cat.bot
    if r() < 0.2:
        first_id = story.consumer_says(say(story, phrases.CONSUMER_GREETINGS), 150, 900)
        opener_id = ""
    else:
        first_id = opener_id = story.consumer_says(say(story, topic.openers), 150, 900)
    story.wait(200, 900)
    roster.join(story, bot, "ASSIGNED_AGENT")
    # The bot accepts and reads the message that opened the conversation as it joins.
    story.status(first_id, 0, story.t + 40, bot.agent_id, "Agent", "ACCEPT")
    story.status(first_id, 0, story.t + 90, bot.agent_id, "Agent", "READ")
    greeting = say(story, cat.bot_greetings)
    if story.rich and r() < 0.4:
        data: dict[str, Any] = {
            "msg": {"text": greeting},
            "quickReplies": {"content": cat.quick_replies},
        }
        story.agent_says(bot, greeting, 600, 2_500, data=data)
    else:
        story.agent_says(bot, greeting, 600, 2_500)
    if not opener_id:
        opener_id = story.consumer_says(say(story, topic.openers), 3_000, 25_000)
    intent = (topic.topic.intent, topic.topic.label)
    unsure = escalating and r() < 0.5
    confidence = round(0.3 + 0.35 * r(), 3) if unsure else round(0.76 + 0.23 * r(), 3)
    nlu.classify(story, opener_id, intent, confidence)
    context = nlu.bot_context(story, intent, confidence)
    if unsure:
        story.agent_says(bot, say(story, phrases.BOT_CLARIFY), 800, 3_000, context=context)
        return
    story.agent_says(bot, say(story, topic.bot_answers), 800, 3_500, context=context)
    if story.rich and r() < 0.3:
        card = topic.card
        for key in topic.card_keys:
            card = card.replace("{" + key + "}", story.fill[key])
        story.agent_says(
            bot, "", 300, 1_200, kind="RICH_CONTENT", data={"richContent": {"content": card}}
        )
    if not escalating and r() < 0.45:
        story.consumer_says(story.next_detail(), 5_000, 60_000)
        answer = say(story, topic.bot_answers if r() < 0.5 else phrases.BOT_ANYTHING_ELSE)
        story.agent_says(
            bot, answer, 800, 3_000, context=nlu.bot_context(story, intent, confidence)
        )


def close_contained(story: Story) -> None:
    """The bot answered: the consumer leaves, the bot closes, or the conversation times out."""
    r = story.random
    if r() < 0.75:
        story.consumer_says(say(story, phrases.CONSUMER_THANKS), 4_000, 45_000)
    if story.stop:
        raise Cut
    roll = r()
    if roll < 0.5:
        roster.close(story, "CONSUMER", story.t + 3_000 + int(r() * 90_000))
    elif roll < 0.8:
        roster.close(story, "SYSTEM", story.t + story.cat.auto_close_ms + int(r() * 30_000))
    else:
        story.agent_says(story.cat.bot, say(story, phrases.BOT_CLOSING), 800, 3_000)
        roster.close(story, "AGENT", story.t + 1_000 + int(r() * 3_000))


def escalate(story: Story) -> None:
    """The consumer asks for a person (or the bot gives up) and the bot transfers to a skill."""
    r = story.random
    bot = story.cat.bot
    topic = story.topic
    if r() < 0.6:
        message_id = story.consumer_says(say(story, phrases.ESCALATION_REQUESTS), 4_000, 40_000)
        nlu.classify(story, message_id, AGENT_INTENT, round(0.85 + 0.14 * r(), 3))
        intent, confidence = AGENT_INTENT, 0.95
    else:
        story.consumer_says(story.next_detail(), 5_000, 60_000)
        intent, confidence = (topic.topic.intent, topic.topic.label), round(0.35 + 0.3 * r(), 3)
    reason = topic.topic.handoff if intent is not AGENT_INTENT else "consumer_requested_agent"
    context = nlu.bot_context(story, intent, confidence, reason)
    story.agent_says(bot, say(story, phrases.BOT_HANDOFF), 700, 2_500, context=context)
    roster.transfer(story, bot, topic.skill, reason)
    if story.stop == "queue":
        raise Cut


def _queue_wait(story: Story, median_s: float) -> int:
    wait_ms = int(story.rng.lognormvariate(0.0, 0.9) * median_s * 1_000)
    return min(MAX_QUEUE_WAIT_MS, max(4_000, wait_ms))


def _wait_in_queue(story: Story, wait_ms: int) -> None:
    """Sit in the queue; a consumer left waiting for minutes may nudge."""
    r = story.random
    if wait_ms > 240_000 and r() < 0.5:
        nudge_at = wait_ms * (4 + 2 * r()) / 10
        story.consumer_says(say(story, phrases.CONSUMER_WAITING), int(nudge_at), int(nudge_at) + 1)
        story.mood = min(story.mood, 0) if r() < 0.5 else -1
        wait_ms -= int(nudge_at)
    story.wait(wait_ms, wait_ms + 1)


def abandon(story: Story) -> None:
    """Nobody picks the conversation up in time and the consumer gives up."""
    r = story.random
    if r() < 0.45:
        story.consumer_says(say(story, phrases.CONSUMER_GIVE_UP), 180_000, 1_200_000)
        roster.close(story, "CONSUMER", story.t + 3_000 + int(r() * 30_000))
        return
    if r() < 0.5:
        story.consumer_says(say(story, phrases.CONSUMER_WAITING), 120_000, 600_000)
    roster.close(story, "SYSTEM", story.t + story.cat.auto_close_ms + int(r() * 30_000))


def _human_joins(story: Story, skill_wait_s: float, exclude: Agent | None = None) -> Agent:
    """Wait in the queue until a human takes the conversation and greets the consumer."""
    wait_ms = _queue_wait(story, skill_wait_s)
    if wait_ms > 480_000 and story.random() < 0.5:
        story.mood = -1
    _wait_in_queue(story, wait_ms)
    human = roster.pick_human(story, exclude)
    roster.join(story, human, "ASSIGNED_AGENT" if story.random() < 0.7 else "AGENT")
    story.fill["agent"] = human.nickname
    story.humans_seen.append(human)
    story.agent_says(human, say(story, story.cat.human_greetings), 4_000, 40_000)
    return human


def human_phase(story: Story) -> None:
    """A human picks the conversation up and works it to a resolution."""
    r = story.random
    topic = story.topic
    human = _human_joins(story, MEDIAN_QUEUE_WAIT_S)
    if story.stop == "human" and r() < 0.5:
        raise Cut
    story.consumer_says(story.next_detail(), 8_000, 90_000)
    if story.photos and r() < 0.15:
        story.agent_says(human, phrases.HUMAN_ASK_PHOTO, 10_000, 60_000)
        story.consumer_says(
            "",
            20_000,
            120_000,
            kind="HOSTED_FILE",
            data={"file": _file(story, "JPG", say(story, phrases.CONSUMER_PHOTO_CAPTIONS))},
        )
    if r() < 0.04 and len(story.cat.humans) > 1:
        manager = roster.pick_human(story, exclude=human)
        story.wait(5_000, 60_000)
        roster.join(story, manager, "MANAGER", permission="READER")
    story.reply = int(r() * len(topic.human_replies))
    story.agent_says(human, story.text(topic.human_replies[story.reply]), 30_000, 180_000)
    if r() < 0.08:
        story.agent_says(
            human, say(story, phrases.PRIVATE_NOTES), 5_000, 30_000, audience="AGENTS_AND_MANAGERS"
        )
    if r() < 0.12:
        _send_attachment(story, human)
    if story.source in ("SHARK", "APP") and r() < 0.02:
        _cobrowse(story, human)
    others = [s for s in story.cat.human_skills if s is not story.skill]
    if others and r() < 0.07:
        target = others[int(r() * len(others))]
        story.fill["skill"] = target.name.replace("_", " ")
        story.agent_says(human, say(story, phrases.HUMAN_TRANSFER), 10_000, 60_000)
        roster.transfer(story, human, target, "specialist_needed")
        human = _human_joins(story, MEDIAN_QUEUE_WAIT_S * 0.6, exclude=human)
    if story.stop == "human":
        raise Cut
    if story.mood < 0 and r() < 0.5:
        story.consumer_says(say(story, phrases.CONSUMER_UNHAPPY), 10_000, 60_000)
    story.agent_says(human, say(story, topic.resolutions), 20_000, 120_000)
    if r() < 0.85:
        story.consumer_says(say(story, phrases.CONSUMER_THANKS), 10_000, 60_000)
    if r() < 0.5:
        story.agent_says(human, say(story, phrases.HUMAN_WRAPUP), 5_000, 30_000)
        if r() < 0.8:
            story.consumer_says(say(story, phrases.CONSUMER_DONE), 10_000, 60_000)


def close_handled(story: Story) -> None:
    """The human closes, the consumer closes, or the conversation times out."""
    r = story.random
    roll = r()
    human = story.agent
    if roll < 0.55 and human is not None:
        if r() < 0.8:
            story.agent_says(human, say(story, story.cat.human_bye), 5_000, 30_000)
        roster.close(story, "AGENT", story.t + 3_000 + int(r() * 17_000))
    elif roll < 0.85:
        roster.close(story, "CONSUMER", story.t + 5_000 + int(r() * 55_000))
    else:
        roster.close(story, "SYSTEM", story.t + story.cat.auto_close_ms + int(r() * 30_000))


def _file(story: Story, file_type: str, caption: str) -> dict[str, Any]:
    name = f"{story.rng.getrandbits(64):016x}.{file_type.lower()}"
    return {
        "relativePath": f"/v1/AUTH_async-images/{story.cat.account_id}/{name}",
        "fileType": file_type,
        "caption": caption,
    }


def _send_attachment(story: Story, human: Agent) -> None:
    r = story.random
    if r() < 0.6:
        caption = say(story, phrases.HUMAN_LINK_CAPTIONS)
        link = {
            "externalFileLink": f"https://files.{story.cat.domain}/docs/"
            f"{story.rng.getrandbits(48):012x}.pdf",
            "fileType": "PDF",
            "caption": caption,
        }
        story.agent_says(human, "", 10_000, 60_000, kind="LINK", data={"link": link})
    else:
        image = _file(story, "PNG", say(story, phrases.HUMAN_IMAGE_CAPTIONS))
        story.agent_says(human, "", 10_000, 60_000, kind="IMG", data={"file": image})


def _cobrowse(story: Story, human: Agent) -> None:
    """The agent co-browses with the consumer for a few minutes (rare)."""
    r = story.random
    start = story.wait(10_000, 60_000)
    interactive = r() < 0.8
    end = story.wait(60_000, 360_000)
    session = {
        "sessionId": f"{story.cat.account_id}:{human.agent_id}__{uuid4(story.rng)}_{start}",
        "startTime": ts(start),
        "startTimeL": start,
        "endTime": ts(end),
        "endTimeL": end,
        "interactive": interactive,
        "endReason": "AGENT" if r() < 0.6 else "VISITOR",
        "duration": end - start,
        "type": "web" if story.source == "SHARK" else "inApp",
        "agentId": human.agent_id,
    }
    if story.source == "APP":
        session["capabilities"] = ["CONSUMER_VOICE_CONNECTION", "AGENT_APP_CONTROL"]
    if interactive:
        at = start + 5_000 + int(r() * 15_000)
        session["interactiveTime"] = ts(at)
        session["interactiveTimeL"] = at
    story.cobrowse = session
