"""Put a told story together as one Messaging Interactions record.

Section order follows the reference (§5.1). A section without data is left out, never null.
"""

from __future__ import annotations

from typing import Any

from seed.records.aftermath import Survey
from seed.records.clock import ts
from seed.records.people import NAMED_SOURCES
from seed.records.story import Story

# What the consumer's side supports, by channel (info.features).
FEATURES = {
    "SHARK": [
        "PHOTOSHARING",
        "QUICKREPLIES",
        "AUTOMESSAGES",
        "RICHCONTENT",
        "SECUREFORMS",
        "MULTI_DIALOG",
    ],
    "APP": ["PHOTOSHARING", "QUICKREPLIES", "AUTOMESSAGES", "RICHCONTENT", "COAPP", "MULTI_DIALOG"],
    "SMS": ["AUTOMESSAGES"],
    "FACEBOOK": ["QUICKREPLIES", "RICHCONTENT", "AUTOMESSAGES"],
    "WhatsApp Business": ["PHOTOSHARING", "AUTOMESSAGES"],
    "Apple Business Chat": ["PHOTOSHARING", "QUICKREPLIES", "RICHCONTENT", "AUTOMESSAGES"],
}
APP_IDS = {"SHARK": "webAsync"}
INTEGRATIONS = {"SHARK": ("web-sdk", "3.0.41"), "APP": ("mobile-sdk", "6.12.0")}
CONNECTOR_IPS = {
    "SMS": "34.120.18.7",
    "FACEBOOK": "31.13.70.36",
    "WhatsApp Business": "157.240.22.60",
    "Apple Business Chat": "17.57.146.20",
}


CLOSE_DESCRIPTIONS = {"AGENT": "MANUAL_CLOSE", "CONSUMER": "MANUAL_CLOSE", "SYSTEM": "AUTO_CLOSE"}


def alerted(mcs: int) -> int:
    """Map an MCS to LivePerson's alert band: negative up to 33, positive from 67."""
    return -1 if mcs <= 33 else 1 if mcs >= 67 else 0


def info_section(
    story: Story,
    *,
    closed: bool,
    survey: Survey | None,
    first: bool,
    now_ms: int,
    session: tuple[str, str],
    step_up: bool,
    pending_survey: bool,
) -> dict[str, Any]:
    """Build `info`: times, outcome, scores, the channel and device, the latest skill and agent."""
    cat = story.cat
    start = story.start
    device = story.device
    source = story.source
    consumer = story.consumer
    status = "CLOSE" if closed else "OPEN"
    mcs = story.mcs
    end = (survey.end if survey is not None else story.close_ms) if closed else -1
    integration, version = INTEGRATIONS.get(source, ("brand-sdk", "2.4.0"))
    # One literal (the dict is sized once) with every field all records have; the rest after.
    info: dict[str, Any] = {
        "conversationId": story.conv_id,
        "brandId": cat.account_id,
        "status": status,
        "fullDialogStatus": status,
        "startTime": story.start_stamp,
        "startTimeL": start,
        "endTime": ts(end) if closed else "undefined",
        "endTimeL": end,
        "duration": (end if closed else now_ms) - start,
        "firstConversation": first,
        "mcs": mcs,
        "alertedMCS": alerted(mcs),
        "source": source,
        "device": device.device,
        "browser": device.browser,
        "operatingSystem": device.os,
        "latestSkillId": story.skill.skill_id,
        "latestSkillName": story.skill.name,
        "latestQueueState": story.queue_state,
        "isPartial": False,
        "sessionId": session[0],
        "interactionContextId": session[1],
        "timeZone": consumer.geo.time_zone,
        "features": list(FEATURES[source]),
        "language": consumer.geo.language,
        "integration": integration,
        "integrationVersion": version,
        "appId": cat.app_id if source == "APP" else APP_IDS.get(source, "connector"),
        "ipAddress": CONNECTOR_IPS.get(source, consumer.ip),
        "wasStepUp": step_up,
        "pendingAgentSurvey": pending_survey,
    }
    if closed:
        close = story.close_ms
        info["conversationEndTime"] = ts(close) if survey is not None else info["endTime"]
        info["conversationEndTimeL"] = close
        info["fullDialogEndTime"] = info["endTime"]
        info["fullDialogEndTimeL"] = end
        info["closeReason"] = story.close_reason
        info["closeReasonDescription"] = CLOSE_DESCRIPTIONS[story.close_reason]
        if survey is not None:
            info["csatRate"] = survey.csat
    if device.model:
        info["deviceModel"] = device.model
    if device.browser_version:
        info["browserVersion"] = device.browser_version
    if device.os_version:
        info["operatingSystemVersion"] = device.os_version
    if source == "APP":
        info["appVersion"] = "4.2.1"
    agent = story.latest_agent
    if agent is not None:
        info.update(cat.latest_agent[agent.agent_id])
    if story.first_intent is not None:
        info["firstIntentName"], info["firstIntentLabel"] = story.first_intent
    return info


def monitoring_section(story: Story, page: tuple[str, str] | None) -> dict[str, Any]:
    """Build `monitoring`: where the consumer is and what they write from."""
    consumer = story.consumer
    geo = consumer.geo
    device = story.device
    monitoring = {
        "country": geo.country,
        "countryCode": geo.code,
        "state": geo.state,
        "city": geo.city,
        "isp": consumer.isp,
        "org": consumer.isp,
        "device": device.device,
        "ipAddress": CONNECTOR_IPS.get(story.source, consumer.ip),
        "browser": f"{device.browser} {device.browser_version}"
        if device.browser_version
        else device.browser,
        "operatingSystem": device.os,
    }
    if page is not None:
        monitoring["conversationStartPage"], monitoring["conversationStartPageTitle"] = page
    return monitoring


def consumer_participant(story: Story, dialog: str, joined: int, stamp: str) -> dict[str, Any]:
    """Describe the consumer in one dialog (joined at `joined`, formatted as `stamp`)."""
    consumer = story.consumer
    source = story.source
    person: dict[str, Any] = {
        "participantId": consumer.participant_id,
        "time": stamp,
        "timeL": joined,
        "joinTime": stamp,
        "joinTimeL": joined,
    }
    if consumer.authenticated or source in NAMED_SOURCES:
        person["firstName"] = consumer.first
        person["lastName"] = consumer.last
        person["consumerName"] = consumer.first + " " + consumer.last
    if source in ("SMS", "WhatsApp Business", "APP"):
        person["phone"] = consumer.phone
    if consumer.authenticated:
        person["email"] = consumer.email
        person["token"] = consumer.token
    if consumer.avatar and source in NAMED_SOURCES:
        person["avatarURL"] = consumer.avatar
    person["dialogId"] = dialog
    return person


def dialogs_section(
    story: Story, info: dict[str, Any], survey: Survey | None
) -> list[dict[str, Any]]:
    """Build `dialogs`: the main dialog and, after a survey, the POST_SURVEY one.

    Times are taken from `info`, where they are already formatted.
    """
    closed = info["status"] == "CLOSE"
    main: dict[str, Any] = {
        "dialogId": story.conv_id,
        "status": "CLOSE" if closed else "OPEN",
        "dialogType": "MAIN",
        "dialogChannelType": "MESSAGING",
        "startTime": story.start_stamp,
        "startTimeL": story.start,
    }
    if closed:
        main["endTime"] = info["conversationEndTime"]
        main["endTimeL"] = story.close_ms
        main["closeReason"] = story.close_reason
        main["closeReasonDescription"] = CLOSE_DESCRIPTIONS[story.close_reason]
    main["skillId"] = story.skill.skill_id
    main["skillName"] = story.skill.name
    dialogs = [main]
    if survey is not None:
        dialogs.append(
            {
                "dialogId": survey.dialog_id,
                "status": "CLOSE",
                "dialogType": "POST_SURVEY",
                "dialogChannelType": "MESSAGING",
                "startTime": survey.start_stamp,
                "startTimeL": survey.start,
                "endTime": info["endTime"],
                "endTimeL": survey.end,
                "closeReason": "AGENT",
                "closeReasonDescription": "MANUAL_CLOSE",
                "skillId": story.skill.skill_id,
                "skillName": story.skill.name,
            }
        )
    return dialogs


def unique_intents(intents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """List each selected intent once, in order of first appearance."""
    seen: dict[str, str] = {}
    for item in intents:
        selected = item["selectedClassification"]
        seen.setdefault(selected["intentName"], selected["intentLabel"])
    return [{"intentName": name, "intentLabel": label} for name, label in seen.items()]
