"""Who is in the conversation: agents joining and leaving, transfers, the close.

Every assignment of an agent is an ``interactions`` entry as well as an ``agentParticipants``
one; agents leave (``agentParticipantsLeave``) when the conversation is transferred away from
them or closed; those still present at the end of an open conversation are its
``agentParticipantsActive``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seed.records.clock import ts
from seed.records.story import Cut, Story

if TYPE_CHECKING:
    from seed.factories import Agent, Skill


def join(
    story: Story, agent: Agent, role: str, permission: str = "ASSIGNED_AGENT", dialog: str = ""
) -> None:
    """Add an agent to a dialog; an assigned agent also starts an interaction."""
    t = story.t
    stamp = ts(t)
    dialog = dialog or story.conv_id
    participant = {
        **story.cat.base[agent.agent_id],
        "time": stamp,
        "timeL": t,
        "role": role,
        "permission": permission,
        "dialogId": dialog,
    }
    story.participants.append(participant)
    if permission == "ASSIGNED_AGENT":
        story.interactions.append(
            {
                **story.cat.interaction_base[agent.agent_id],
                "interactionTime": stamp,
                "interactionTimeL": t,
                "interactiveSequence": len(story.interactions) + 1,
                "dialogId": dialog,
            }
        )
    if dialog == story.conv_id:
        story.present.append((agent, participant))
        if permission == "ASSIGNED_AGENT":
            story.agent = agent
            story.latest_agent = agent
            story.queue_state = "ACTIVE"


def leave_all(story: Story, t: int) -> None:
    """Every agent still in the main dialog leaves it."""
    stamp = ts(t)
    for agent, joined in story.present:
        story.leaves.append(
            {
                **story.cat.base[agent.agent_id],
                "time": stamp,
                "timeL": t,
                "role": joined["role"],
                "permission": joined["permission"],
                "dialogId": story.conv_id,
            }
        )
    story.present = []
    story.agent = None


def transfer(story: Story, source: Agent, target: Skill, reason: str) -> None:
    """Move the conversation to another skill's queue; the agents there leave."""
    t = story.wait(300, 1_500)
    previous = story.skill
    stamp = ts(t)
    story.transfers.append(
        {
            "time": stamp,
            "timeL": t,
            "targetSkillId": target.skill_id,
            "targetSkillName": target.name,
            "sourceSkillId": previous.skill_id,
            "sourceSkillName": previous.name,
            "sourceAgentId": source.agent_id,
            "sourceAgentLoginName": source.login_name,
            "sourceAgentNickname": source.nickname,
            "sourceAgentFullName": source.full_name,
            "reason": "Skill",
            "by": source.agent_id,
            "contextData": {"structuredMetadata": [{"actionReason": {"reason": reason}}]},
            "dialogId": story.conv_id,
        }
    )
    # skillChanges has no documented shape; this is the one schemas/records.py accepts.
    story.skill_changes.append(
        {
            "time": stamp,
            "timeL": t,
            "sourceSkillId": previous.skill_id,
            "sourceSkillName": previous.name,
            "targetSkillId": target.skill_id,
            "targetSkillName": target.name,
            "reason": reason,
            "by": source.agent_id,
            "dialogId": story.conv_id,
        }
    )
    story.skill = target
    leave_all(story, t)
    story.queue_state = "IN_QUEUE"


def pick_human(story: Story, exclude: Agent | None = None) -> Agent:
    """Draw the human who picks the conversation up (busier agents more often)."""
    cat = story.cat
    agent = story.rng.choices(cat.humans, cum_weights=cat.human_cum)[0]
    if agent is exclude and len(cat.humans) > 1:
        agent = cat.humans[(cat.humans.index(agent) + 1) % len(cat.humans)]
    return agent


def close(story: Story, reason: str, at_ms: int) -> None:
    """Close the main dialog; the agents still in it leave."""
    if at_ms > story.horizon:
        raise Cut
    story.t = at_ms
    story.close_ms = at_ms
    story.close_reason = reason
    leave_all(story, at_ms)
