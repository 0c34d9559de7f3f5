"""The record loop: draw start times, then for each one a subscriber, a consumer and a story.

Faker is used here only to fill name pools, once per process; everything per record is composed
from those pools and the subscribers' catalogs (also built once per process) with the caller's
`random.Random`. A call therefore costs almost nothing to start, which matters to a loader that
generates in many small chunks.
"""

from __future__ import annotations

import base64
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from faker import Faker

from seed.records import aftermath, assemble, clock, plot, sdes
from seed.records.catalog import Catalog, catalog_for
from seed.records.clock import uuid4
from seed.records.people import GEO_WEIGHTS, GEOS, Consumer, make_device
from seed.records.story import ABANDONED, CONTAINED, TANGO, Story

if TYPE_CHECKING:
    from seed.factories import SubscriberProfile

NAME_POOL = 400
NAME_SEED = 20_240_603
RETURNING = 0.6  # chance that a conversation comes from a consumer seen before
SAME_CHANNEL = 0.9  # chance that a returning consumer uses their usual channel
SURVEYED = 0.4  # of conversations closed by the consumer or an agent
ALWAYS_ACTIVE = 3  # the biggest subscribers are there for the whole window
PLANS = ((0.50, CONTAINED), (0.94, TANGO), (1.0, ABANDONED))  # cumulative shares


@cache
def _name_pools() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """First names (female, then male) and last names, made once per process by Faker.

    Faker is seeded with a constant: the pools are the same for every call, and which names a
    conversation gets is drawn from the caller's generator.
    """
    fake = Faker("en_US")
    fake.seed_instance(NAME_SEED)
    half = NAME_POOL // 2
    firsts = [fake.first_name_female() for _ in range(half)]
    firsts += [fake.first_name_male() for _ in range(half)]
    return tuple(firsts), tuple(fake.last_name() for _ in range(NAME_POOL))


def generate(
    profiles: Sequence[SubscriberProfile],
    *,
    count: int,
    rng: random.Random,
    now_ms: int,
    months: int,
) -> Iterator[dict[str, Any]]:
    """Check the arguments now, then return the lazy stream of records."""
    if not profiles:
        raise ValueError("at least one subscriber profile is needed")
    if count < 0 or months < 1:
        raise ValueError("count must be >= 0 and months >= 1")
    first = clock.window_start(now_ms, months)
    ranked = sorted(range(len(profiles)), key=lambda i: -profiles[i].weight)
    biggest = set(ranked[:ALWAYS_ACTIVE])
    catalogs = [
        catalog_for(p, first_ms=first, now_ms=now_ms, always_active=i in biggest)
        for i, p in enumerate(profiles)
    ]
    return _records(catalogs, rng, count=count, now_ms=now_ms, months=months)


def _records(
    catalogs: list[Catalog], rng: random.Random, *, count: int, now_ms: int, months: int
) -> Iterator[dict[str, Any]]:
    r = rng.random
    firsts, lasts = _name_pools()
    pools: list[list[Consumer]] = [[] for _ in catalogs]  # each subscriber's consumers so far
    cum = list(accumulate(c.profile.weight or 1e-9 for c in catalogs))
    total = cum[-1]
    last = len(catalogs) - 1
    always = [i for i, c in enumerate(catalogs) if c.active_to > now_ms] or list(range(last + 1))
    geo_cum = list(accumulate(GEO_WEIGHTS))
    geo_total = geo_cum[-1]
    for start in clock.start_times(rng, count, now_ms=now_ms, months=months):
        for _ in range(8):
            index = min(bisect(cum, r() * total), last)
            cat = catalogs[index]
            if cat.active_from <= start < cat.active_to:
                break
        else:
            index = always[int(r() * len(always))]
            cat = catalogs[index]
        pool = pools[index]
        if pool and r() < RETURNING:
            consumer = pool[int(r() * len(pool))]
            first_time = False
        else:
            geo = GEOS[bisect(geo_cum, r() * geo_total)]
            name = int(r() * NAME_POOL)
            consumer = Consumer(
                rng,
                first=firsts[name],
                last=lasts[int(r() * NAME_POOL)],
                gender="FEMALE" if name < NAME_POOL // 2 else "MALE",
                source=_source(cat, r()),
                geo=geo,
                serial=len(pool),
                since=start,
            )
            pool.append(consumer)
            first_time = True
        consumer.conversations += 1
        yield _record(cat, rng, consumer, first_time, start, now_ms)


def _source(cat: Catalog, roll: float) -> str:
    cum = cat.source_cum
    return cat.sources[min(bisect(cum, roll * cum[-1]), len(cum) - 1)]


def _plan(roll: float) -> str:
    for share, plan in PLANS:
        if roll < share:
            return plan
    return ABANDONED


def _stop(plan: str, roll: float) -> str:
    if plan == CONTAINED:
        return "bot"
    if plan == TANGO and roll < 0.65:
        return "human"
    return "queue"


def _record(
    cat: Catalog, rng: random.Random, consumer: Consumer, first_time: bool, start: int, now_ms: int
) -> dict[str, Any]:
    r = rng.random
    source = consumer.source if r() < SAME_CHANNEL else _source(cat, r())
    device = consumer.device if source == consumer.source else make_device(rng, source)
    topic = cat.topics[min(bisect(cat.topic_cum, r() * cat.topic_cum[-1]), len(cat.topics) - 1)]
    plan = _plan(r())
    stop = _stop(plan, r()) if r() < clock.open_probability(now_ms - start) else ""
    conv_id = uuid4(rng)
    story = Story(
        rng,
        cat,
        conv_id=conv_id,
        start=start,
        horizon=now_ms,
        topic=topic,
        consumer=consumer,
        source=source,
        device=device,
        stop=stop,
    )
    story.mood = _mood(plan, r())
    closed = plot.tell(story, plan)
    survey = None
    if (
        closed
        and story.close_reason != "SYSTEM"
        and r() < SURVEYED
        and story.close_ms + aftermath.SURVEY_MAX_MS <= now_ms
    ):
        survey = aftermath.run_survey(story)
    agent_survey = aftermath.agent_survey(story, now_ms) if closed else None
    summary = aftermath.summary(story, now_ms) if closed else None
    session_id = base64.urlsafe_b64encode(rng.getrandbits(128).to_bytes(16, "big")).decode()[:22]
    info = assemble.info_section(
        story,
        closed=closed,
        survey=survey,
        first=first_time,
        now_ms=now_ms,
        session=(session_id, str(consumer.conversations)),
        step_up=source == "SHARK" and r() < 0.03,
        pending_survey=agent_survey is not None and agent_survey["surveyStatus"] == "OPEN",
    )
    campaigns = cat.campaigns[source]
    record: dict[str, Any] = {
        "info": info,
        "campaign": dict(campaigns[int(r() * len(campaigns))]),
        "monitoring": assemble.monitoring_section(
            story, (cat.pages[int(r() * len(cat.pages))] if source == "SHARK" else None)
        ),
        "messageRecords": story.messages,
    }
    if story.statuses:
        record["messageStatuses"] = story.statuses
    if story.participants:  # empty only when now came before the bot could join
        record["agentParticipants"] = story.participants
    if not closed and story.present:
        record["agentParticipantsActive"] = [dict(p) for _, p in story.present]
    if story.leaves:
        record["agentParticipantsLeave"] = story.leaves
    consumers = [assemble.consumer_participant(story, conv_id, start, story.start_stamp)]
    if survey is not None:
        consumers.append(
            assemble.consumer_participant(story, survey.dialog_id, survey.start, survey.start_stamp)
        )
    record["consumerParticipants"] = consumers
    if story.transfers:
        record["transfers"] = story.transfers
    if story.interactions:
        record["interactions"] = story.interactions
    if story.scores:
        record["messageScores"] = story.scores
    if story.skill_changes:
        record["skillChanges"] = story.skill_changes
    if survey is not None:
        record["conversationSurveys"] = [survey.record]
    if story.cobrowse is not None:
        record["coBrowseSessions"] = {"coBrowseSessionsList": [story.cobrowse]}
    if summary is not None:
        record["summary"] = summary
    authenticated = sdes.sdes(story)
    if authenticated is not None:
        record["sdes"] = authenticated
    anonymous = sdes.unauthenticated_sdes(story)
    if anonymous is not None:
        record["unAuthSdes"] = anonymous
    configured = cat.response_ms[story.skill.skill_id]
    due = story.awaiting_since + configured if not closed and story.awaiting_since >= 0 else -1
    record["responseTime"] = {
        "latestEffectiveResponseDueTime": due,
        "configuredResponseTime": configured,
    }
    record["dialogs"] = assemble.dialogs_section(story, info, survey)
    if story.intents:
        record["intents"] = story.intents
        record["uniqueIntents"] = assemble.unique_intents(story.intents)
    if agent_survey is not None:
        record["latestAgentSurvey"] = agent_survey
    return record


def _mood(plan: str, roll: float) -> int:
    """How the consumer feels: bots that answer please, abandoned queues do not."""
    if plan == CONTAINED:
        return 1 if roll < 0.55 else 0 if roll < 0.9 else -1
    if plan == TANGO:
        return 1 if roll < 0.4 else 0 if roll < 0.75 else -1
    return -1 if roll < 0.65 else 0 if roll < 0.95 else 1
