"""What the bot's language understanding reports: intents on messages and in `intents`.

A bot message carries ``contextData.structuredMetadata`` with a ``botResponse`` (the intent it
acted on, with a confidence level and score) and, when it escalates, an ``actionReason``. The
conversation's ``intents`` list the analyzer's classification of consumer messages, each with
the runner-up, and ``info.firstIntentName`` is the first of them.
"""

from __future__ import annotations

from typing import Any

from seed.records.story import Story


def bot_context(
    story: Story, intent: tuple[str, str], confidence: float, reason: str = ""
) -> dict[str, Any]:
    """The bot's NLU verdict (and escalation reason) attached to one of its messages."""
    level = "HIGH" if confidence >= 0.75 else "MEDIUM" if confidence >= 0.5 else "LOW"
    meta: list[dict[str, Any]] = [
        {
            "botResponse": {
                "externalConversationId": story.conv_id,
                "businessCases": [story.topic.topic.label],
                "intents": [
                    {
                        "id": intent[0],
                        "name": intent[1],
                        "confidence": level,
                        "confidenceScore": confidence,
                    }
                ],
            }
        }
    ]
    if reason:
        meta.append({"actionReason": {"reason": reason}})
    return {"structuredMetadata": meta}


def classify(story: Story, message_id: str, intent: tuple[str, str], confidence: float) -> None:
    """Record the intent the analyzer found in a consumer message, with its runner-up."""
    alt = story.topic.alternative
    model = story.cat.intent_model
    runner_up = round(confidence * 0.4, 3)
    story.intents.append(
        {
            "selectedClassification": {
                "intentName": intent[0],
                "intentLabel": intent[1],
                "confidenceScore": confidence,
                "versions": [dict(model)],
            },
            "allClassifications": [
                {
                    "intentName": intent[0],
                    "intentLabel": intent[1],
                    "confidenceScore": confidence,
                    "versions": [dict(model)],
                },
                {"intentName": alt.intent, "intentLabel": alt.label, "confidenceScore": runner_up},
            ],
            "messageId": message_id,
        }
    )
    if story.first_intent is None:
        story.first_intent = intent
