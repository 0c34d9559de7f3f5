"""A provider's search returns exactly what its consent contracts allow: a property, checked on
random networks, contracts and searches against an oracle written here from the rules of
design.md section 2 (it imports none of the app's category or consent tables).

A fixed set of fresh accounts (two providers, six subscribers) with conversations spread in time
is stored once per test; each example then adds random network memberships and contracts inside
a savepoint, runs one search through the access and search services exactly as the view does,
and rolls the savepoint back. The answer is compared with the oracle: the refusal (and its
reason), or the grants, the accounts left out (and why), the count, and every record with
exactly the sections (and consumer-identifying info fields) its owner's grant covers, in order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, cast

import orjson
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app.domain import AccessScope, AccountGrant, Principal
from app.errors import ConsentDenied, Forbidden
from app.models import Account, Contract, NetworkMembership
from app.services import access, search
from app.services.ingestion import ingest
from schemas.records import load_record
from schemas.search import load_consumer_search, load_conversation_by_id, load_conversations_search
from tests.support.consent_rules import (
    CATEGORIES,
    CONSUMER_PII,
    DEFAULT_SECTIONS,
    METADATA,
    PII_INFO_FIELDS,
    SECTION_CATEGORY,
    SURVEYS,
    TRANSCRIPTS,
)
from tests.support.search_records import full_conversation, message, pcs, survey_answer

pytestmark = pytest.mark.integration

DAY_MS = 86_400_000
TEN_MINUTES_MS = 600_000
NOW = int(time.time() * 1000)
GRID = NOW // TEN_MINUTES_MS * TEN_MINUTES_MS

PROVIDERS = ("81000000", "81000100")
SUBSCRIBERS = tuple(f"810000{n:02d}" for n in range(1, 7))
OWNERS = PROVIDERS + SUBSCRIBERS
UNKNOWN = "81000999"  # no such account
KIND = {**dict.fromkeys(PROVIDERS, "provider"), **dict.fromkeys(SUBSCRIBERS, "subscriber")}

# -- the rules, written out independently of the app ----------------------------------------------

ALL = frozenset(CATEGORIES)
SECTIONS = tuple(SECTION_CATEGORY)
PII_INFO = PII_INFO_FIELDS
# The category each filter of a body (JSON key) looks into; every search needs metadata.
FILTER_CATEGORY = {
    "start": METADATA,
    "status": METADATA,
    "latestSkillIds": METADATA,
    "keyword": TRANSCRIPTS,
    "summary": TRANSCRIPTS,
    "sdeSearch": CONSUMER_PII,
    "consumer": CONSUMER_PII,
    "nps": SURVEYS,
    "surveyIds": SURVEYS,
    "fcr": SURVEYS,
    "agentSurveySearch": SURVEYS,
}


# -- the stored conversations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Conv:
    """One stored conversation and the values the filters look at."""

    account: str
    cid: str
    start: int
    word: str  # in a message
    summary_word: str
    tier: str  # customerInfo.customerStatus (an SDE)
    consumer: str
    survey_id: str
    nps: int
    fcr: str
    skill: int


def _layout() -> tuple[Conv, ...]:
    convs = []
    for i, account in enumerate(OWNERS):
        for j in range(2 if account in PROVIDERS else 4):
            a, b = j & 1, j >> 1
            convs.append(
                Conv(
                    account=account,
                    cid=f"prop-{account}-{j}",
                    # distinct start times on the 10-minute grid, 5 to 41 days ago
                    start=GRID - (5 + 12 * j) * DAY_MS - i * TEN_MINUTES_MS,
                    word=("alpha", "omega")[a],
                    summary_word=("north", "south")[b],
                    tier=("gold", "silver")[a ^ b],
                    consumer=f"shopper-{b}",
                    survey_id=("545511613", "545511614")[a],
                    nps=3 * j,
                    fcr=("yes", "no")[b],
                    skill=12 + (a ^ b),
                )
            )
    return tuple(convs)


CONVS = _layout()
STARTS = sorted(c.start for c in CONVS)
# Bounds of covered windows: every start time, and a millisecond either side of it.
TIMES_OF_NOTE = sorted({s + d for s in STARTS for d in (-1, 0, 1)})


def record_of(c: Conv) -> dict[str, Any]:
    """A record with every section, owned by ``c.account``, carrying ``c``'s filter values."""
    record = full_conversation(c.cid, c.start)
    record["info"].update(
        brandId=c.account,
        latestSkillId=c.skill,
        deviceModel="Pixel 8",
        sessionId=f"session-{c.cid}",
        interactionContextId=f"context-{c.cid}",
    )
    texts = ("I need help with my bill", f"Sure, {c.word} will look")
    record["messageRecords"] = [
        message(c.cid, seq, text, time_ms=c.start + 1000 * (seq + 1))
        for seq, text in enumerate(texts)
    ]
    record["summary"]["text"] = f"Billing question answered {c.summary_word}"
    record["consumerParticipants"][0]["participantId"] = c.consumer
    record["sdes"]["events"][0]["customerInfo"]["customerInfo"]["customerStatus"] = c.tier
    record["conversationSurveys"] = pcs(
        survey_answer("How would you rate us?", "4", question_type="csat", question_id="c1"),
        survey_answer("Recommend us?", str(c.nps), question_type="nps", question_id="n1"),
        survey_answer("Resolved?", c.fcr, question_type="fcr", question_id="f1"),
        survey_id=c.survey_id,
    )
    return record


# -- what one example draws -----------------------------------------------------------------------

MEMBERSHIP_TIMES: dict[str, tuple[int, int | None] | None] = {
    "none": None,
    "member": (NOW - 400 * DAY_MS, None),
    "leaves_later": (NOW - 400 * DAY_MS, NOW + DAY_MS),
    "joined_now": (NOW, None),
    "joins_later": (NOW + 1, None),
    "left": (NOW - 400 * DAY_MS, NOW - DAY_MS),
    "left_now": (NOW - 400 * DAY_MS, NOW),
}
# Mostly current members; every other state too (joining and leaving are at or around now).
MEMBERSHIP_STATES = ("member",) * 6 + tuple(MEMBERSHIP_TIMES)
OFFSETS = (-30 * DAY_MS, -DAY_MS, -1, 0, 1, DAY_MS, 30 * DAY_MS)


@dataclass(frozen=True)
class Terms:
    """One contract to record."""

    provider: str
    subscriber: str
    categories: frozenset[str]
    covers_from: int | None
    covers_to: int | None
    effective_from: int
    expires_at: int | None
    revoked: str | None  # None, "at_insert" (recorded revoked) or "stamped" (revoked after)


@dataclass(frozen=True)
class World:
    memberships: Mapping[tuple[str, str], str]  # (provider, subscriber) -> MEMBERSHIP_TIMES key
    contracts: tuple[Terms, ...]  # in the order recorded: later is newer
    # contracts (by index) revoked while the search runs: after its scope was built, before it
    # reads; the read must hold the revocation at once
    revoked_during: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Ask:
    """One search: who asks, on which account path, with which body and page."""

    caller: str
    target: str
    may_read: bool
    narrow: tuple[str, ...] | None  # subscriberIds of a provider's search on its own account
    endpoint: str  # "E1", "E2" or "E3"
    body: Mapping[str, Any]  # the JSON body, without contentToRetrieve
    content: tuple[str, ...] | None  # contentToRetrieve
    v2: bool
    sort_field: str
    descending: bool
    limit: int


# Strategies are built once: building them inside a composite costs more than drawing.
# Weighted towards contracts in force, of every category, without a window, so that many
# examples have records to compare; every other case is drawn too.
_WINDOWS = st.sampled_from(("none", "none", "from", "to", "both"))
_BOUNDS = st.sampled_from(TIMES_OF_NOTE)
_EFFECTIVE = st.sampled_from((-30 * DAY_MS, *OFFSETS))
_EXPIRES = st.none() | st.sampled_from(OFFSETS)
_CATEGORY_SETS = st.sampled_from(
    (ALL, ALL, ALL, *(frozenset(c) for n in range(4) for c in combinations(CATEGORIES, n)))
)
_REVOCATIONS = st.sampled_from((None, None, None, None, "at_insert", "stamped"))


@st.composite
def _terms(draw: st.DrawFn) -> Terms:
    """A contract's terms, of a pair that the caller fills in."""
    window = draw(_WINDOWS)
    low = draw(_BOUNDS) if window in ("from", "both") else None
    high = draw(_BOUNDS) if window in ("to", "both") else None
    if low is not None and high is not None and low > high:
        low, high = high, low
    effective = NOW + draw(_EFFECTIVE)
    expires = draw(_EXPIRES)
    expires = None if expires is None else NOW + expires
    if expires is not None and expires < effective:
        effective, expires = expires, effective
    return Terms(
        provider="",
        subscriber="",
        categories=draw(_CATEGORY_SETS),
        covers_from=low,
        covers_to=high,
        effective_from=effective,
        expires_at=expires,
        revoked=draw(_REVOCATIONS),
    )


_PAIRS = tuple((p, s) for p in PROVIDERS for s in SUBSCRIBERS)
_MEMBERSHIPS = st.sampled_from(MEMBERSHIP_STATES)
_CONTRACT_COUNTS = {  # zero first: a failing example shrinks to the contracts that matter
    PROVIDERS[0]: st.sampled_from((0, 1, 1, 2, 3)),
    PROVIDERS[1]: st.sampled_from((0, 1, 2)),
}
_TERMS = _terms()
_REVOKE_DURING = st.sampled_from((False, False, False, True))


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """Memberships of both networks, and per pair a few contracts (the second provider fewer:
    its contracts and members are there to be ignored by the first's searches, and vice versa)."""
    memberships = {pair: draw(_MEMBERSHIPS) for pair in _PAIRS}
    recorded = [
        replace(draw(_TERMS), provider=p, subscriber=s)
        for p, s in _PAIRS
        for _ in range(draw(_CONTRACT_COUNTS[p]))
    ]
    # the order of recording decides which contract of a pair is newest; mix the pairs up
    shuffled: list[Terms] = draw(st.permutations(recorded))
    unrevoked = [i for i, t in enumerate(shuffled) if t.revoked is None]
    during: frozenset[int] = frozenset()
    if draw(_REVOKE_DURING) and unrevoked:
        during = draw(st.frozensets(st.sampled_from(unrevoked), min_size=1))
    return World(memberships, tuple(shuffled), during)


_SCORES = st.integers(0, 10)


@st.composite
def _nps_ranges(draw: st.DrawFn) -> dict[str, int]:
    """An NPS range with from, to or both."""
    low, high = sorted((draw(_SCORES), draw(_SCORES)))
    return draw(st.sampled_from(({"from": low}, {"to": high}, {"from": low, "to": high})))


_WIDE = {"from": GRID - 60 * DAY_MS, "to": -1}
_STARTS = st.sampled_from(STARTS)
_START_RANGES = st.one_of(
    st.just(_WIDE),
    st.just(_WIDE),
    st.tuples(_STARTS, _STARTS).map(lambda p: {"from": min(p), "to": max(p)}),
)
E1_FILTERS: dict[str, st.SearchStrategy[Any]] = {
    "status": st.sampled_from((["CLOSE"], ["OPEN"], ["OPEN", "CLOSE"])),
    "latestSkillIds": st.lists(st.sampled_from(("12", "13", "14")), min_size=1, max_size=2),
    "keyword": st.sampled_from(("alpha", "omega", "bill")),
    "summary": st.sampled_from(("north", "south", "billing")),
    "sdeSearch": st.sampled_from(("gold", "silver")).map(lambda t: {"customerInfo": t}),
    "nps": _nps_ranges(),
    "surveyIds": st.lists(st.sampled_from(("545511613", "545511614")), min_size=1, max_size=2),
    "fcr": st.lists(st.sampled_from(("yes", "no", "1", "0")), min_size=1, max_size=2),
    "agentSurveySearch": st.sampled_from(("3001", "3000", "3009")).map(lambda i: {"surveyId": i}),
}
_E1_FILTER_NAMES = st.lists(st.sampled_from(sorted(E1_FILTERS)), max_size=2, unique=True)


@st.composite
def _e1_bodies(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {"start": draw(_START_RANGES)}
    for name in draw(_E1_FILTER_NAMES):
        body[name] = draw(E1_FILTERS[name])
    if draw(st.booleans()):
        body["selectedIntentOnly"] = True
    return body


_BODIES = {
    "E1": _e1_bodies(),
    "E2": st.lists(
        st.sampled_from([c.cid for c in CONVS] + ["prop-missing"]), min_size=1, max_size=8
    ).map(lambda ids: {"conversationIds": ids}),
    "E3": st.fixed_dictionaries(
        {"consumer": st.sampled_from(("shopper-0", "shopper-1", "nobody"))},
        optional={"status": st.sampled_from((["CLOSE"], ["OPEN"]))},
    ),
}
_CALLER_KINDS = st.sampled_from(("provider",) * 6 + ("subscriber",))
_PROVIDERS = st.sampled_from(PROVIDERS)
_SUBSCRIBERS = st.sampled_from(SUBSCRIBERS)
_PROVIDER_PATHS = st.sampled_from(("own", "subscriber") * 3 + ("elsewhere",))
_NARROWINGS = st.none() | st.lists(st.sampled_from((*OWNERS, UNKNOWN)), min_size=1, max_size=4)
_ELSEWHERE = {
    p: st.sampled_from(tuple(a for a in (*PROVIDERS, UNKNOWN) if a != p)) for p in PROVIDERS
}
_ANY_ACCOUNT = st.sampled_from((*OWNERS, UNKNOWN))
_ENDPOINTS = st.sampled_from(("E1", "E1", "E1", "E2", "E3"))
_MAY_READ = st.sampled_from((True,) * 15 + (False,))
_CONTENTS = st.none() | st.lists(st.sampled_from(SECTIONS), unique=True).map(tuple)
_SORT_FIELDS = st.sampled_from(("start", "end"))
_LIMITS = st.sampled_from((100, 3, 100))


@st.composite
def asks(draw: st.DrawFn) -> Ask:
    narrow = None
    if draw(_CALLER_KINDS) == "provider":
        caller = draw(_PROVIDERS)
        where = draw(_PROVIDER_PATHS)
        if where == "own":
            target = caller
            narrow = draw(_NARROWINGS)
        elif where == "subscriber":
            target = draw(_SUBSCRIBERS)
        else:
            target = draw(_ELSEWHERE[caller])
    else:
        caller = draw(_SUBSCRIBERS)
        target = caller if draw(st.booleans()) else draw(_ANY_ACCOUNT)
    endpoint = draw(_ENDPOINTS)
    return Ask(
        caller=caller,
        target=target,
        may_read=draw(_MAY_READ),
        narrow=None if narrow is None else tuple(narrow),
        endpoint=endpoint,
        body=draw(_BODIES[endpoint]),
        content=draw(_CONTENTS),
        v2=draw(st.booleans()),
        sort_field=draw(_SORT_FIELDS),
        descending=draw(st.booleans()),
        limit=draw(_LIMITS),
    )


# -- the oracle -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    error: str  # "forbidden" or "consent_denied"
    reason: str | None


Grant = tuple[str, frozenset[str], int | None, int | None, int | None]
# (account, categories, covered from, covered to, contract id: None for the account's own data)


@dataclass(frozen=True)
class Answer:
    grants: frozenset[Grant]
    left_out: tuple[tuple[str, str], ...]  # sorted
    count: int
    records: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]  # in page order
    # (owner, conversation id, section keys sorted, consumer-identifying info fields sorted)


def state(t: Terms) -> str:
    if t.revoked is not None:
        return "contract_revoked"
    if t.expires_at is not None and t.expires_at <= NOW:
        return "contract_expired"
    if t.effective_from > NOW:
        return "contract_not_yet_in_effect"
    return "in_force"


def network(
    world: World, ids: list[int], provider: str
) -> tuple[dict[str, Grant], list[tuple[str, str]]]:
    """Per current member of a provider's network: the grant of its newest contract in force,
    else why it has none (the state of its newest contract, or no contract at all)."""
    grants: dict[str, Grant] = {}
    left_out: list[tuple[str, str]] = []
    for subscriber in SUBSCRIBERS:
        times = MEMBERSHIP_TIMES[world.memberships[(provider, subscriber)]]
        if times is None or times[0] > NOW or (times[1] is not None and times[1] <= NOW):
            continue
        theirs = [
            (cid, t)
            for cid, t in zip(ids, world.contracts, strict=True)
            if t.provider == provider and t.subscriber == subscriber
        ]
        in_force = [(cid, t) for cid, t in theirs if state(t) == "in_force"]
        if in_force:
            cid, t = max(in_force, key=lambda pair: pair[0])
            grants[subscriber] = (subscriber, t.categories, t.covers_from, t.covers_to, cid)
        elif theirs:
            left_out.append((subscriber, state(max(theirs, key=lambda pair: pair[0])[1])))
        else:
            left_out.append((subscriber, "no_contract"))
    return grants, left_out


def matches(ask: Ask, c: Conv) -> bool:
    """Whether the conversation meets every filter of the body (all are closed)."""
    body = ask.body
    if ask.endpoint == "E2":
        return c.cid in body["conversationIds"]
    if ask.endpoint == "E3":
        return c.consumer == body["consumer"] and "CLOSE" in body.get("status", ["CLOSE"])
    checks: dict[str, Callable[[Any], bool]] = {
        "start": lambda v: v["from"] <= c.start and (v["to"] == -1 or c.start <= v["to"]),
        "status": lambda v: "CLOSE" in v,
        "latestSkillIds": lambda v: str(c.skill) in v,
        "keyword": lambda v: v in (c.word, "bill"),
        "summary": lambda v: v in (c.summary_word, "billing"),
        "sdeSearch": lambda v: v["customerInfo"] == c.tier,
        "nps": lambda v: v.get("from", 0) <= c.nps <= v.get("to", 10),
        "surveyIds": lambda v: c.survey_id in v,
        "fcr": lambda v: c.fcr in {{"1": "yes", "0": "no"}.get(x, x) for x in v},
        "agentSurveySearch": lambda v: v["surveyId"] in ("3000", "3001"),
        "selectedIntentOnly": lambda v: True,
    }
    return all(checks[name](value) for name, value in body.items())


def expected(world: World, ids: list[int], ask: Ask) -> Refused | Answer:
    """What the rules say this search answers."""
    revoked_during = {ids[i] for i in world.revoked_during}
    if KIND[ask.caller] == "subscriber" and ask.target != ask.caller:
        return Refused("forbidden", "account_mismatch")
    if not ask.may_read:
        return Refused("forbidden", "permission_missing")
    left_out: list[tuple[str, str]] = []
    if ask.target == ask.caller:
        grants: dict[str, Grant] = {ask.caller: (ask.caller, ALL, None, None, None)}
        if KIND[ask.caller] == "provider":
            theirs, left_out = network(world, ids, ask.caller)
            grants.update(theirs)
            if ask.narrow is not None:
                wanted = dict.fromkeys(ask.narrow)
                known = set(grants) | {a for a, _ in left_out}
                grants = {a: g for a, g in grants.items() if a in wanted}
                left_out = [x for x in left_out if x[0] in wanted]
                left_out += [(a, "not_in_network") for a in wanted if a not in known]
    else:
        theirs, why = network(world, ids, ask.caller)
        if ask.target not in theirs:
            reason = dict(why).get(ask.target)
            if reason is None:
                return Refused("forbidden", "account_mismatch")
            return Refused("consent_denied", reason)
        grants = {ask.target: theirs[ask.target]}
    needs = {METADATA} | {FILTER_CATEGORY[k] for k in ask.body if k in FILTER_CATEGORY}
    for account, grant in list(grants.items()):
        if not needs <= grant[1]:
            del grants[account]
            left_out.append((account, "category_not_granted:" + ",".join(sorted(needs - grant[1]))))
    wanted_sections = set(DEFAULT_SECTIONS if ask.content is None else ask.content)
    if not ask.v2:
        wanted_sections.discard("unAuthSdes")
    found = []
    for c in CONVS:
        readable = grants.get(c.account)
        if readable is None or not matches(ask, c):
            continue
        _, categories, low, high, contract_id = readable
        if (low is not None and c.start < low) or (high is not None and c.start > high):
            continue
        if contract_id in revoked_during:
            continue  # the grant was in the scope, its contract no longer holds when read
        keys = sorted({"info"} | {s for s in wanted_sections if SECTION_CATEGORY[s] in categories})
        pii = sorted(PII_INFO) if CONSUMER_PII in categories else []
        found.append((c.start, (c.account, c.cid, tuple(keys), tuple(pii))))
    found.sort(reverse=ask.descending)  # start times are distinct; end = start + 60 s
    return Answer(
        grants=frozenset(grants.values()),
        left_out=tuple(sorted(left_out)),
        count=len(found),
        records=tuple(r for _, r in found),
    )


# -- the system under test ------------------------------------------------------------------------


def record_world(session: Session, world: World) -> list[int]:
    """Store an example's memberships and contracts; return the contract ids in order."""
    rows = []
    for (provider, subscriber), name in world.memberships.items():
        times = MEMBERSHIP_TIMES[name]
        if times is not None:
            rows.append(
                {
                    "provider_id": provider,
                    "subscriber_id": subscriber,
                    "joined_at_ms": times[0],
                    "left_at_ms": times[1],
                }
            )
    if rows:
        session.execute(sa.insert(cast(sa.Table, NetworkMembership.__table__)), rows)
    if not world.contracts:
        return []
    rows = [
        {
            "provider_id": t.provider,
            "subscriber_id": t.subscriber,
            "grants_metadata": METADATA in t.categories,
            "grants_transcripts": TRANSCRIPTS in t.categories,
            "grants_consumer_pii": CONSUMER_PII in t.categories,
            "grants_surveys": SURVEYS in t.categories,
            "covers_from_ms": t.covers_from,
            "covers_to_ms": t.covers_to,
            "effective_from_ms": t.effective_from,
            "expires_at_ms": t.expires_at,
            "revoked_at_ms": NOW - DAY_MS if t.revoked == "at_insert" else None,
            "revocation_reason": "property test" if t.revoked == "at_insert" else None,
            "revoked_by": "property-test" if t.revoked == "at_insert" else None,
            "agreement_ref": "PROPERTY",
            "supersedes_id": None,
            "created_at_ms": NOW - 31 * DAY_MS,
            "created_by": "property-test",
        }
        for t in world.contracts
    ]
    table = cast(sa.Table, Contract.__table__)
    ids = list(
        session.scalars(
            sa.insert(table).returning(table.c.contract_id, sort_by_parameter_order=True), rows
        )
    )
    assert ids == sorted(set(ids)), ids  # ids grow in the order of recording
    stamp_revocations(
        session, [i for i, t in zip(ids, world.contracts, strict=True) if t.revoked == "stamped"]
    )
    return ids


def stamp_revocations(session: Session, contract_ids: list[int]) -> None:
    """Revoke contracts: the one update a contract allows."""
    if contract_ids:
        table = cast(sa.Table, Contract.__table__)
        session.execute(
            sa.update(table)
            .where(table.c.contract_id.in_(contract_ids))
            .values(revoked_at_ms=NOW, revocation_reason="property test", revoked_by="property")
        )


def query_of(ask: Ask) -> tuple[dict[str, Any], search.SectionChoice, tuple[str, ...] | None]:
    """Load the body as the view does: filters, sections, conversation ids."""
    body = dict(ask.body)
    if ask.content is not None:
        body["contentToRetrieve"] = list(ask.content)
    ids = None
    if ask.endpoint == "E1":
        filters = load_conversations_search(body, now_ms=NOW)
    elif ask.endpoint == "E2":
        filters = load_conversation_by_id(body)
        ids = filters.pop("ids")
    else:
        filters = load_consumer_search(body)
    content = filters.pop("content_to_retrieve", None)
    sections = search.SectionChoice.of(
        content, v2=ask.v2, selected_intent_only=bool(filters.pop("selected_intent_only", False))
    )
    return filters, sections, ids


def perform(
    session: Session, ask: Ask, revoke_during: list[int]
) -> tuple[Refused | Answer, list[dict[str, Any]]]:
    """Run the search through the services (revoking some contracts once its scope is built);
    return its answer and its records."""
    principal = Principal(
        account_id=ask.caller,
        account_kind=KIND.get(ask.caller, "unknown"),
        credential="app_key:property-test",
        permissions=frozenset({"read"} if ask.may_read else ()),
    )
    try:
        scope = access.read_scope(session, principal, account_id=ask.target, now_ms=NOW)
    except ConsentDenied as error:
        return Refused("consent_denied", error.reason), []
    except Forbidden as error:
        return Refused("forbidden", error.reason), []
    if ask.narrow is not None:
        assert scope.aggregated
        scope = scope.narrowed_to(list(ask.narrow))
    stamp_revocations(session, revoke_during)
    filters, sections, ids = query_of(ask)
    records: list[dict[str, Any]] = []
    counts = []
    offset = 0
    while True:
        page = search.run(
            session,
            scope,
            search.SearchQuery(
                filters=filters,
                sections=sections,
                offset=offset,
                limit=ask.limit,
                sort_field=ask.sort_field,
                descending=ask.descending,
                now_ms=NOW,
                conversation_ids=ids,
            ),
        )
        counts.append(page.count)
        assert len(page.records) <= ask.limit
        parsed = [orjson.loads(text) for text in page.records]
        assert [r["info"]["brandId"] for r in parsed] == list(page.account_ids)
        records += parsed
        offset += ask.limit
        if offset >= page.count:
            break
    assert len(set(counts)) == 1, counts  # every page counts the same
    assert page.scope is not None
    answer = Answer(
        grants=frozenset(
            (g.account_id, g.categories, g.covers_from_ms, g.covers_to_ms, g.contract_id)
            for g in page.scope.grants
        ),
        left_out=tuple(sorted((x.account_id, x.reason) for x in page.left_out)),
        count=counts[0],
        records=tuple(
            (
                r["info"]["brandId"],
                r["info"]["conversationId"],
                tuple(sorted(r)),
                tuple(sorted(f for f in PII_INFO if f in r["info"])),
            )
            for r in records
        ),
    )
    return answer, records


# -- the property ---------------------------------------------------------------------------------


def store_conversations(session: Session) -> dict[tuple[bool, bool], dict[str, Any]]:
    """Store the fixed accounts and conversations; return each conversation as its owner reads
    it with every section, per (v2, selectedIntentOnly), by conversation id."""
    session.execute(
        sa.insert(Account),
        [
            {"account_id": a, "name": f"Property {a}", "kind": KIND[a], "created_at_ms": NOW}
            for a in OWNERS
        ],
    )
    for account in OWNERS:
        records = [load_record(record_of(c)) for c in CONVS if c.account == account]
        ingest(session, account_id=account, records=records, now_ms=NOW - DAY_MS)
    session.flush()
    owners = AccessScope(tuple(AccountGrant.owner(a) for a in OWNERS))
    reference = {}
    for v2 in (False, True):
        for selected_intent_only in (False, True):
            sections = search.SectionChoice.of(
                SECTIONS, v2=v2, selected_intent_only=selected_intent_only
            )
            query = search.SearchQuery(
                filters={},
                sections=sections,
                offset=0,
                limit=100,
                sort_field="start",
                descending=True,
                now_ms=NOW,
            )
            page = search.run(session, owners, query)
            assert page.count == len(CONVS)
            by_id = {}
            for text in page.records:
                record = orjson.loads(text)
                by_id[record["info"]["conversationId"]] = record
                # every section is stored, and every consumer-identifying info field
                assert set(record) == {"info", *SECTIONS} - (set() if v2 else {"unAuthSdes"})
                assert all(f in record["info"] for f in PII_INFO)
            assert {c.cid: c.account for c in CONVS} == {
                cid: r["info"]["brandId"] for cid, r in by_id.items()
            }
            reference[(v2, selected_intent_only)] = by_id
    return reference


def test_a_search_returns_exactly_what_the_contracts_allow(session: Session) -> None:
    reference = store_conversations(session)
    examples = []

    @settings(
        max_examples=1000,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(world=worlds(), ask=asks())
    def check(world: World, ask: Ask) -> None:
        examples.append(1)
        savepoint = session.begin_nested()
        try:
            ids = record_world(session, world)
            during = [ids[i] for i in sorted(world.revoked_during)]
            answer, records = perform(session, ask, during)
        finally:
            savepoint.rollback()
            session.expunge_all()  # contract ids come back after a rollback on SQLite
        assert answer == expected(world, ids, ask)
        if not records:
            return
        full = reference[(ask.v2, ask.endpoint == "E1" and "selectedIntentOnly" in ask.body)]
        for record in records:
            stored = full[record["info"]["conversationId"]]
            info = dict(stored["info"])
            if "ipAddress" not in record["info"]:
                info = {k: v for k, v in info.items() if k not in PII_INFO}
            assert record["info"] == info
            assert record == {**{k: stored[k] for k in record}, "info": info}

    check()
    assert len(examples) >= 1000
