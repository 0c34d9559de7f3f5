"""The data-category rules of design.md section 2, written out for the tests' own oracles.

Tests compare the service against these tables, never against the service's own tables
(``app.services.search.sections``), so that a wrong entry there cannot make its test agree.
"""

from __future__ import annotations

METADATA, TRANSCRIPTS, CONSUMER_PII, SURVEYS = "metadata", "transcripts", "consumer_pii", "surveys"
CATEGORIES = (METADATA, TRANSCRIPTS, CONSUMER_PII, SURVEYS)

# The sections each category grants (info itself is metadata).
CATEGORY_SECTIONS: dict[str, frozenset[str]] = {
    METADATA: frozenset(
        (
            "campaign",
            "messageStatuses",
            "messageScores",
            "agentParticipants",
            "agentParticipantsActive",
            "agentParticipantsLeave",
            "transfers",
            "interactions",
            "skillChanges",
            "coBrowseSessions",
            "responseTime",
            "dialogs",
            "intents",
            "uniqueIntents",
        )
    ),
    TRANSCRIPTS: frozenset(("messageRecords", "summary")),
    CONSUMER_PII: frozenset(("consumerParticipants", "sdes", "unAuthSdes", "monitoring")),
    SURVEYS: frozenset(
        ("conversationSurveys", "latestAgentSurvey", "previouslySubmittedAgentSurveys")
    ),
}
SECTION_CATEGORY = {section: c for c, sections in CATEGORY_SECTIONS.items() for section in sections}
# The consumer-identifying fields of info, sent only with consumer_pii.
PII_INFO_FIELDS = ("ipAddress", "deviceModel", "sessionId", "interactionContextId")
# Reference section 4, in its order: the sections sent when contentToRetrieve is absent.
DEFAULT_SECTIONS = (
    "campaign",
    "messageRecords",
    "agentParticipants",
    "agentParticipantsLeave",
    "agentParticipantsActive",
    "consumerParticipants",
    "transfers",
    "interactions",
    "messageScores",
    "messageStatuses",
    "conversationSurveys",
    "coBrowseSessions",
    "summary",
    "sdes",
)
