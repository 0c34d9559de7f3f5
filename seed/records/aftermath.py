"""What happens after the main dialog closes: the consumer survey, the agent's wrap-up, summary.

The consumer survey runs in its own POST_SURVEY dialog after the close, so it moves
``endTime`` and ``fullDialogEndTime`` past ``conversationEndTime``. Its answers follow the
conversation's MCS, so csat, nps and fcr agree with each other and with how it went.
"""

from __future__ import annotations

from typing import Any

from seed.records import phrases, roster
from seed.records.clock import ts, uuid4
from seed.records.story import Story

SURVEY_MAX_MS = 15 * 60_000  # a survey is only started if it can finish before now


class Survey:
    """The post-conversation survey of one conversation."""

    def __init__(self, dialog_id: str, start: int, end: int, csat: int, record: dict[str, Any]):
        self.dialog_id = dialog_id
        self.start = start
        self.start_stamp = ts(start)
        self.end = end
        self.csat = csat
        self.record = record


def run_survey(story: Story) -> Survey:
    """Ask csat, nps and fcr in a POST_SURVEY dialog; the survey bot runs it."""
    r = story.random
    cat = story.cat
    dialog = uuid4(story.rng)
    prefix = "ms::dialog:" + dialog + "::msg:"
    bot = cat.survey_bot.agent_id
    consumer = story.consumer.participant_id
    csat = min(5, max(1, 1 + story.mcs // 25 + (-1, 0, 0, 0, 1)[int(r() * 5)]))
    nps = min(10, max(0, 2 * csat + (-2, -1, 0, 0, 1)[int(r() * 5)]))
    resolved = r() < (0.9 if csat >= 4 else 0.35 if csat == 3 else 0.15)
    csat_label = phrases.SURVEY_CSAT_ANSWERS[csat - 1]
    fcr = "Yes" if resolved else "No"

    # (sender, text, quick replies, delay range in ms): the bot asks, the consumer answers.
    turns = (
        (bot, cat.survey_intro + " " + phrases.SURVEY_CSAT, cat.csat_replies, 200, 800),
        (consumer, csat_label, "", 5_000, 40_000),
        (bot, cat.survey_nps, "", 800, 2_000),
        (consumer, str(nps), "", 5_000, 40_000),
        (bot, phrases.SURVEY_FCR, cat.fcr_replies, 800, 2_000),
        (consumer, fcr, "", 5_000, 40_000),
        (bot, phrases.SURVEY_OUTRO, "", 800, 2_000),
    )
    start = story.wait(1_000, 3_000)
    roster.join(story, cat.survey_bot, "ASSIGNED_AGENT", dialog=dialog)
    messages = story.messages
    rich = story.rich
    for sender, text, replies, low, high in turns:
        t = story.wait(low, high)
        seq = story.seq
        story.seq = seq + 1
        data: dict[str, Any] = {"msg": {"text": text}}
        if replies and rich:
            data["quickReplies"] = {"content": replies}
        messages.append(
            {
                "type": "TEXT_PLAIN",
                "messageData": data,
                "messageId": prefix + str(seq),
                "seq": seq,
                "dialogId": dialog,
                "participantId": sender,
                "time": ts(t),
                "timeL": t,
                "sentBy": "Agent" if sender is bot else "Consumer",
                "audience": "ALL",
            }
        )
    end = story.wait(500, 2_000)
    q_csat, q_nps, q_fcr = cat.question_ids

    def answer(question: str, text: str, qid: str, aid: str, kind: str, n: int) -> dict[str, Any]:
        return {
            "question": question,
            "answer": text,
            "questionId": qid,
            "answerId": aid,
            "questionType": kind,
            "questionFormat": "single",
            "answerSeq": n,
            "isValidAnswer": True,
        }

    record = {
        "surveyType": "PostSurvey",
        "surveyStatus": "FILLED",
        "dialogId": dialog,
        "surveyId": cat.survey_id,
        "surveyData": [
            answer(phrases.SURVEY_CSAT, csat_label, q_csat, str(csat), "csat", 1),
            answer(cat.survey_nps, str(nps), q_nps, str(nps), "nps", 2),
            answer(phrases.SURVEY_FCR, fcr, q_fcr, fcr.lower(), "fcr", 3),
        ],
    }
    return Survey(dialog, start, end, csat, record)


def agent_survey(story: Story, now_ms: int) -> dict[str, Any] | None:
    """The last human's wrap-up form: submitted shortly after the close, or still pending."""
    r = story.random
    if not story.humans_seen or r() >= 0.4:
        return None
    cat = story.cat
    human = story.humans_seen[-1]
    at = story.close_ms + 10_000 + int(r() * 170_000)
    submitted = at <= now_ms and r() < 0.87
    survey: dict[str, Any] = {
        "surveyStatus": "SUBMITTED" if submitted else "OPEN",
        "statusReason": "SUBMITTED" if submitted else "OPEN",
        "dialogId": story.conv_id,
        "surveyId": f"{story.rng.getrandbits(64):016x}",
        "acSurveyId": cat.agent_survey_id,
        "acSurveyName": phrases.AGENT_SURVEY_NAME,
        "acSurveyRevision": 3,
        "surveySkillId": story.skill.skill_id,
        "surveySkillName": story.skill.name,
        "assignedAgentId": human.agent_id,
        "assignedAgentNickName": human.nickname,
        "assignedAgentName": human.full_name,
        "lastUpdateTime": at if submitted else story.close_ms,
        "submittedAnswers": [],
    }
    if submitted:
        survey["performedByAgentId"] = human.agent_id
        survey["performedByAgentNickName"] = human.nickname
        survey["performedByAgentName"] = human.full_name
        answers = (story.topic.topic.label, "Yes" if story.mood >= 0 else "No", str(int(r() * 15)))
        survey["submittedAnswers"] = [
            {
                "questionText": text,
                "questionId": qid,
                "questionDefinition": "REGULAR_QUESTION",
                "questionCategory": category,
                "answers": [{"answer": value, "answerId": qid + "-1"}],
            }
            for (text, category), qid, value in zip(
                phrases.AGENT_SURVEY_QUESTIONS, cat.agent_question_ids, answers, strict=True
            )
        ]
    return survey


def summary(story: Story, now_ms: int) -> dict[str, Any] | None:
    """The human agent's summary of about half of the conversations a human handled."""
    if not story.humans_seen or story.random() >= 0.5:
        return None
    summaries = story.topic.summaries
    text = story.text(summaries[story.reply % len(summaries)])
    return {
        "text": text,
        "lastUpdatedTime": min(now_ms, story.close_ms + 5_000 + int(story.random() * 85_000)),
    }
