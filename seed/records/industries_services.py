"""Businesses that provide a service: a clinic, a telecom operator, home services."""

from __future__ import annotations

from seed.records.topics import Industry, Topic

CLINIC = Industry(
    key="clinic",
    suffixes=("Dental", "Health Clinic", "Physio", "Family Practice", "Eye Care"),
    bot_skill="scheduling_bot",
    human_skills=("appointments", "patient_billing", "clinical_questions", "front_desk"),
    groups=("Reception", "Patient Billing", "Nursing Team"),
    products=(
        "check-up",
        "cleaning",
        "eye exam",
        "physiotherapy session",
        "vaccination",
        "consultation",
    ),
    category="health services",
    topics=(
        Topic(
            "book_appointment",
            "Book appointment",
            "appointments",
            "service",
            (
                "I'd like to book a {product} next week.",
                "Do you have any appointments on {day}?",
                "Can I see a doctor today?",
            ),
            ("Mornings work best for me.", "It's for my daughter, she's 8."),
            (
                "I have {day} at {time} available for a {product}. Shall I book it?",
                "Done! Your {product} is booked for {day} at {time}.",
            ),
            "no_slots_available",
            (
                "I've squeezed you in on {day} at {time} with Dr. {doctor}.",
                "We had a cancellation, so you can come in today at {time}.",
            ),
            ("Please arrive 10 minutes early and bring your insurance card.",),
            ("Appointment booked for {day} {time}.", "Same-day slot from a cancellation offered."),
            ("Book a {product}", "Next available: {day}", "Choose a time"),
        ),
        Topic(
            "reschedule",
            "Reschedule appointment",
            "appointments",
            "service",
            (
                "I need to move my appointment on {day}.",
                "Can I cancel my appointment tomorrow?",
                "I'm running late for my {time} appointment.",
            ),
            ("Anything later in the week works.", "Something came up at work."),
            (
                "Your appointment is moved to {day} at {time}.",
                "Your appointment is cancelled. There's no fee with 24 hours' notice.",
            ),
            "late_cancellation",
            (
                "No problem, I've moved you to {day} at {time} and waived the late fee.",
                "We can hold the slot for 15 minutes; after that we'll need to rebook.",
            ),
            ("You'll get a reminder text the day before.",),
            ("Appointment rescheduled; late fee waived.", "Late arrival; slot held 15 minutes."),
            ("Manage appointment", "Reschedule or cancel", "Open calendar"),
        ),
        Topic(
            "pricing_insurance",
            "Prices and insurance",
            "patient_billing",
            "lead",
            (
                "How much does a {product} cost without insurance?",
                "Do you accept {insurer}?",
                "Why is my bill {amount}?",
            ),
            ("My plan is through my employer.", "I thought the {product} was covered."),
            (
                "A {product} is {amount} without insurance. We accept most major insurers.",
                "Yes, we're in network with {insurer}.",
            ),
            "billing_question",
            (
                "I re-ran the claim with {insurer} and your balance is now {amount}.",
                "The {product} was billed as a specialist visit by mistake; I've corrected it.",
            ),
            ("You'll receive an updated statement by email.",),
            (
                "Claim resubmitted to {insurer}; balance corrected.",
                "Billing code fixed for {product}.",
            ),
            ("Prices", "Transparent pricing for every visit", "See price list"),
        ),
        Topic(
            "prescription_refill",
            "Prescription refill",
            "clinical_questions",
            "service",
            (
                "I need a refill of my prescription.",
                "Can the doctor renew my medication?",
                "Is my prescription ready for pickup?",
            ),
            ("It's the same as last time.", "I'm down to my last two days."),
            (
                "I've sent a refill request to your doctor. You'll hear back within 1 business "
                "day.",
                "Your prescription is ready for pickup at the front desk.",
            ),
            "clinical_review_needed",
            (
                "Dr. {doctor} approved the refill; it was sent to your pharmacy.",
                "Dr. {doctor} needs a quick follow-up before renewing; I've booked a 10-minute "
                "video call on {day}.",
            ),
            ("Let us know if the pharmacy has any trouble.",),
            (
                "Refill approved and sent to pharmacy.",
                "Follow-up video call booked before renewal.",
            ),
            ("Prescriptions", "Refills in 1 business day", "Request refill"),
        ),
    ),
)

TELECOM = Industry(
    key="telecom",
    suffixes=("Mobile", "Telecom", "Fiber", "Wireless", "Broadband"),
    bot_skill="digital_assistant",
    human_skills=("billing", "tech_support", "sales", "retention"),
    groups=("Billing", "Technical Support", "Sales"),
    products=(
        "Unlimited Plus plan",
        "5G SIM",
        "Home Fiber 500",
        "family plan",
        "prepaid bundle",
        "mesh router",
    ),
    category="telecommunications",
    topics=(
        Topic(
            "bill_question",
            "Bill question",
            "billing",
            "service",
            (
                "Why is my bill higher this month?",
                "I was charged {amount} for roaming.",
                "When is my bill due?",
            ),
            ("I didn't travel anywhere.", "It's usually about {amount}."),
            (
                "Your bill includes a one-off charge for the new {product}. It's due on {day}.",
                "Your bill of {amount} is due on {day}. You can pay in the app.",
            ),
            "charge_dispute",
            (
                "The roaming charge was applied in error; I've credited {amount} to your account.",
                "You'd been moved off a promotion; I've reapplied it for 12 months.",
            ),
            ("The credit will show on your next bill.",),
            ("Roaming charge credited.", "Promotion reapplied for 12 months."),
            ("Your bill", "Due {day}", "Pay now"),
        ),
        Topic(
            "network_outage",
            "Network outage",
            "tech_support",
            "service",
            (
                "My internet is down.",
                "I have had no signal since this morning.",
                "Is there an outage in {city}?",
            ),
            ("I already restarted the router.", "The light on the router is blinking red."),
            (
                "There's a known outage in {city}; engineers expect to fix it by {time}.",
                "I ran a line test and reset your connection. Please restart your router.",
            ),
            "line_fault",
            (
                "I found a fault on your line and booked an engineer visit for {day} between "
                "8 and 12.",
                "Your router firmware was outdated; I've pushed an update, please try now.",
            ),
            ("I've added a credit for the days without service.",),
            (
                "Line fault; engineer booked for {day}.",
                "Router firmware update fixed the connection.",
            ),
            ("Service status", "Check outages near you", "Run line test"),
        ),
        Topic(
            "plan_upgrade",
            "Plan upgrade",
            "sales",
            "lead",
            (
                "I want to upgrade to the {product}.",
                "What's the best plan for a family of four?",
                "Can I add a line to my account?",
            ),
            ("We stream a lot of video.", "I'm on the basic plan right now."),
            (
                "The {product} is {amount}/month with unlimited data. Want me to switch you?",
                "You can add a line for {amount}/month. I've sent the details to your email.",
            ),
            "sales_opportunity",
            (
                "I've upgraded you to the {product} and matched the online price of {amount}.",
                "The {product2} fits better for you; I've applied a loyalty discount.",
            ),
            ("The change takes effect from your next billing cycle.",),
            ("Upgraded to {product}.", "Added a line with loyalty discount."),
            ("{product}", "{amount}/month", "Upgrade"),
        ),
        Topic(
            "sim_unlock",
            "SIM and unlock",
            "tech_support",
            "service",
            ("My SIM isn't working.", "How do I unlock my phone?", "I need a replacement SIM."),
            ("It says 'SIM not provisioned'.", "I'm switching to a phone from abroad."),
            (
                "Your phone is eligible for unlocking; I've emailed the unlock code.",
                "A replacement {product} is on its way and should arrive by {day}.",
            ),
            "sim_provisioning",
            (
                "The SIM was never activated on our side. I've activated it now, please "
                "restart your phone.",
                "Your phone is still on a payment plan, so I've requested an early unlock "
                "exception.",
            ),
            ("You should have signal within 10 minutes.",),
            ("SIM activated by agent.", "Early unlock exception requested."),
            ("SIM help", "Activate, replace, unlock", "Get started"),
        ),
    ),
)

HOME_SERVICES = Industry(
    key="home_services",
    suffixes=("Plumbing", "Cleaning Co.", "Electric", "Home Services", "Repairs"),
    bot_skill="booking_assistant",
    human_skills=("scheduling", "quotes", "customer_care", "emergency"),
    groups=("Dispatch", "Customer Care"),
    products=(
        "boiler service",
        "deep clean",
        "leak repair",
        "fuse box inspection",
        "gutter cleaning",
        "AC tune-up",
    ),
    category="home services",
    topics=(
        Topic(
            "book_visit",
            "Book a visit",
            "scheduling",
            "service",
            (
                "I need a {product}, when can someone come?",
                "Can you book a {product} for {day}?",
                "Do you work weekends?",
            ),
            ("I'm home all day {day}.", "We live in {city}."),
            (
                "A technician can come on {day} between {time} and 2 hours later. Booked!",
                "We work Saturdays 8-4. I've booked you in for this Saturday morning.",
            ),
            "no_technician_available",
            (
                "I've found a technician near {city} who can come on {day} at {time}.",
                "I've put you on the priority list; the technician will call 30 minutes before "
                "arriving.",
            ),
            ("You'll get a text with the technician's name the evening before.",),
            ("Visit booked for {day} {time}.", "Priority visit booked; call-ahead arranged."),
            ("Book a {product}", "Next slot: {day}", "Pick a time"),
        ),
        Topic(
            "price_quote",
            "Price quote",
            "quotes",
            "lead",
            (
                "How much does a {product} cost?",
                "Can I get a quote for a {product2}?",
                "Is there a call-out fee?",
            ),
            ("It's a 3-bedroom house.", "The last company quoted {amount}."),
            (
                "A standard {product} is {amount}, parts included.",
                "The call-out fee is {amount}, deducted if you go ahead with the job.",
            ),
            "custom_quote",
            (
                "For a 3-bedroom house the {product} comes to {amount}; I've emailed a written "
                "quote.",
                "We can match that price. I've locked in {amount} for 30 days.",
            ),
            ("Reply here whenever you want to book.",),
            ("Written quote sent: {amount}.", "Competitor price matched at {amount}."),
            ("{product}", "From {amount}", "Get a quote"),
        ),
        Topic(
            "technician_eta",
            "Technician arrival",
            "scheduling",
            "service",
            (
                "The technician was supposed to be here at {time}.",
                "Is my technician still coming today?",
                "Can I get an update on my appointment {order}?",
            ),
            ("I took the day off work for this.", "Nobody has called me."),
            (
                "Your technician is on the way and about 20 minutes out.",
                "Appointment {order} is today; the technician is finishing a job nearby.",
            ),
            "late_technician",
            (
                "The technician's previous job overran. He'll be with you by {time}, and I've "
                "taken 15% off the visit.",
                "I'm sorry, the van broke down. I've rebooked you first thing on {day}.",
            ),
            ("Sorry again for the inconvenience.",),
            ("Technician late; 15% discount applied.", "Van breakdown; rebooked {day} morning."),
            ("Appointment {order}", "Technician on the way", "Track technician"),
        ),
        Topic(
            "complaint",
            "Complaint",
            "customer_care",
            "service",
            (
                "The {product} you did last week didn't fix the problem.",
                "Your technician left a mess.",
                "I want to make a complaint.",
            ),
            ("The leak is back under the sink.", "There's dust all over the living room."),
            (
                "Sorry to hear that. Work is guaranteed for 90 days, so a return visit is free.",
                "I've logged your complaint with reference {ref}; our team will review it.",
            ),
            "complaint_escalation",
            (
                "I've booked a free return visit for {day} with our senior technician.",
                "I've refunded {amount} and sent our cleaning crew back tomorrow at no charge.",
            ),
            ("Thanks for letting us know, we'll make it right.",),
            (
                "Guarantee return visit booked for {day}.",
                "Partial refund {amount}; cleaning crew sent.",
            ),
            ("Our guarantee", "90 days on all work", "Request a return visit"),
        ),
    ),
)
