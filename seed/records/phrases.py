"""What is said in every conversation, whatever the business: greetings, hand-overs, surveys.

Placeholders are filled per conversation: {first} (consumer), {agent} (human nickname),
{bot} (bot nickname), {company}, {skill}, {label} (the topic), {ref}.
"""

from __future__ import annotations

CONSUMER_GREETINGS = ("Hi", "Hello", "Hey there", "Good morning", "Hi!")
CONSUMER_THANKS = (
    "Thanks!",
    "Perfect, thank you.",
    "Great, that's all I needed.",
    "Thank you so much!",
    "OK thanks",
)
ESCALATION_REQUESTS = (
    "Can I talk to a real person?",
    "Agent please",
    "That doesn't answer my question. Can someone from your team help?",
    "I'd like to speak to someone, please.",
    "Human please",
)
CONSUMER_WAITING = (
    "Hello? Is anyone there?",
    "Still waiting...",
    "Any update?",
    "How long will this take?",
)
CONSUMER_GIVE_UP = ("Never mind, I'll call instead.", "Forget it.", "I can't wait any longer, bye.")
CONSUMER_UNHAPPY = (
    "This is really frustrating.",
    "This is the third time I'm contacting you about this.",
    "I expected better, honestly.",
)
CONSUMER_DONE = (
    "No, that's everything. Thanks!",
    "That's all, thank you!",
    "All good, thanks for your help.",
)
CONSUMER_PHOTO_CAPTIONS = ("Here's a photo", "See attached", "This is what it looks like")

BOT_GREETINGS = (
    "Hi! I'm {bot}, the virtual assistant for {company}. How can I help today?",
    "Welcome to {company}! I'm {bot}. What can I do for you?",
    "Hello {first}, {bot} here from {company}. What can I help you with?",
)
BOT_MENU_PROMPT = "You can also pick one of these:"
BOT_CLARIFY = (
    "Just to make sure I understand: is this about {label}?",
    "Could you tell me a bit more about that?",
)
BOT_ANYTHING_ELSE = ("Is there anything else I can help with?", "Did that answer your question?")
BOT_HANDOFF = (
    "I'm connecting you with a member of our team. They'll reply right here.",
    "Let me get a specialist to help with this. The typical wait is a few minutes.",
    "I'll pass you to one of my human colleagues, who can sort this out.",
)
BOT_CLOSING = (
    "Glad I could help! I'll close this conversation now. Message us anytime.",
    "Happy to help. Have a great day!",
)

HUMAN_GREETINGS = (
    "Hi {first}, this is {agent} from {company}. I've read your conversation with our assistant "
    "and I'm looking into it now.",
    "Hello {first}! {agent} here. Thanks for waiting, I'm checking this for you.",
    "Hi {first}, thanks for your patience. I'm {agent} and I'll help you with this.",
)
HUMAN_ASK_PHOTO = "Could you send me a photo so I can see it?"
HUMAN_LINK_CAPTIONS = (
    "Your return label",
    "Your updated invoice",
    "Booking confirmation",
    "Our guarantee terms",
)
HUMAN_IMAGE_CAPTIONS = ("This is the item I mean", "Here's where to find it")
HUMAN_TRANSFER = (
    "I'm transferring you to our {skill} team, they can sort this out. One moment please.",
    "This one is for my colleagues in {skill}; I'm passing you over now.",
)
HUMAN_WRAPUP = (
    "Is there anything else I can help you with?",
    "Anything else I can do for you today?",
)
HUMAN_BYE = ("You're welcome, have a great day!", "Thanks for contacting {company}. Take care!")
PRIVATE_NOTES = (
    "Repeat contact about the same issue - check previous conversations.",
    "Customer polite but frustrated about the wait.",
    "Goodwill credit approved by team lead.",
    "Logged internally as ticket {ref}.",
)

SURVEY_INTRO = "Thanks for chatting with {company}! Could you answer 3 quick questions?"
SURVEY_CSAT = "How satisfied were you with the service you received today?"
SURVEY_CSAT_ANSWERS = (
    "Very dissatisfied",
    "Dissatisfied",
    "Neutral",
    "Satisfied",
    "Very satisfied",
)
SURVEY_NPS = "How likely are you to recommend {company} to a friend? (0-10)"
SURVEY_FCR = "Was your issue resolved today?"
SURVEY_OUTRO = "Thank you for your feedback!"

AGENT_SURVEY_NAME = "Agent wrap-up"
AGENT_SURVEY_QUESTIONS = (
    ("Main reason for contact", "FREE_TEXT"),
    ("Was the issue resolved?", "FREE_TEXT"),
    ("Minutes of follow-up work", "NUMBER"),
)

SEARCH_KEYWORDS = (
    "opening hours",
    "contact",
    "returns policy",
    "delivery times",
    "prices",
    "gift card",
    "discount code",
    "track order",
)
VISITOR_ERRORS = (
    ("er100004", "Expiration date missing"),
    ("er100017", "Card number is invalid"),
    ("er200031", "Session expired, please sign in again"),
    ("er300002", "Postcode not recognised"),
)

DOCTORS = ("Patel", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Haddad", "Lindqvist",
           "Moreau", "Tanaka", "Silva", "O'Brien")  # fmt: skip
