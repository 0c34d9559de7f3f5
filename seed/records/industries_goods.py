"""Businesses that sell things: an online shop, a restaurant, a travel company."""

from __future__ import annotations

from seed.records.topics import Industry, Topic

RETAIL = Industry(
    key="retail",
    suffixes=("Outfitters", "Home Goods", "Supply Co.", "Boutique", "Market"),
    bot_skill="virtual_assistant",
    human_skills=("orders", "returns", "billing", "sales"),
    groups=("Customer Care", "Returns Desk", "Sales Team"),
    products=(
        "linen duvet cover",
        "espresso machine",
        "running shoes",
        "wool throw blanket",
        "cast iron skillet",
        "standing desk",
        "bluetooth speaker",
        "rain jacket",
    ),
    category="home and lifestyle",
    topics=(
        Topic(
            "order_status",
            "Order status",
            "orders",
            "purchase",
            (
                "Hi, where is my order {order}? It was supposed to arrive {day}.",
                "My package hasn't shown up yet. Order number {order}.",
                "Can you tell me when order {order} will be delivered?",
            ),
            (
                "It's the {product}, I ordered it last week.",
                "The tracking page hasn't updated in three days.",
            ),
            (
                "Order {order} has left our warehouse and is with the carrier. "
                "Estimated delivery is {day}.",
                "I found order {order}: it's out for delivery today and should arrive before 8pm.",
            ),
            "tracking_not_found",
            (
                "I checked with the carrier: the parcel was held at the local depot. "
                "I've asked them to redeliver it on {day}.",
                "The label was printed twice, so tracking never updated. I've reshipped the "
                "{product} by express delivery at no cost.",
            ),
            ("You'll get a new tracking link by email within the hour.",),
            (
                "Order delayed at carrier depot; redelivery booked for {day}.",
                "Tracking stalled; item reshipped express, customer informed.",
            ),
            ("Order {order}", "Out for delivery", "Track package"),
        ),
        Topic(
            "refund_request",
            "Refund request",
            "returns",
            "purchase",
            (
                "I returned the {product} two weeks ago and still haven't got my refund.",
                "How do I return an item? The {product} arrived damaged.",
                "I'd like a refund for order {order}.",
            ),
            (
                "I sent it back with the prepaid label on {day}.",
                "The box was crushed and the {product} is scratched.",
            ),
            (
                "Refunds are issued within 5-7 business days after we receive the return. "
                "You can follow it on your account page.",
                "You can return any item within 30 days. I've emailed you a prepaid return label.",
            ),
            "refund_exception",
            (
                "The return reached our warehouse on {day}. I've pushed the refund of {amount} "
                "through now.",
                "Sorry about the damage. I've issued a full refund of {amount} and you don't need "
                "to send the item back.",
            ),
            ("The refund should show on your card in 3-5 business days.",),
            (
                "Return received; refund of {amount} issued manually.",
                "Damaged item; full refund without return.",
            ),
            ("Start a return", "Free returns within 30 days", "Get return label"),
        ),
        Topic(
            "product_availability",
            "Product availability",
            "sales",
            "viewed",
            (
                "Is the {product} back in stock?",
                "Do you have the {product} in a larger size?",
                "When will the {product} be available again?",
            ),
            ("I need it before {day} if possible.", "I'm looking for the grey one."),
            (
                "The {product} is in stock and ships within 24 hours.",
                "The {product} is sold out right now; new stock is expected around {day}. "
                "I can notify you when it's back.",
            ),
            "stock_question",
            (
                "Our warehouse has 3 left of the grey {product}. I've reserved one for you for "
                "24 hours.",
                "The {product} is discontinued, but the {product2} is very similar and 10% off "
                "this week.",
            ),
            ("Here's the link to complete your order whenever you're ready.",),
            (
                "Stock check for {product}; one unit reserved.",
                "Product discontinued; alternative {product2} suggested.",
            ),
            ("{product}", "{amount} - in stock", "Buy now"),
        ),
        Topic(
            "payment_issue",
            "Payment issue",
            "billing",
            "cart",
            (
                "My card was charged twice for order {order}.",
                "Checkout keeps failing when I try to pay.",
                "Why was I charged {amount}?",
            ),
            (
                "I see two charges of {amount} on my statement.",
                "It says payment declined but my bank says everything is fine.",
            ),
            (
                "A second charge is usually a temporary authorisation and drops off within 3 "
                "business days.",
                "Please try another browser or payment method; checkout accepts cards, PayPal and "
                "Apple Pay.",
            ),
            "billing_dispute",
            (
                "You're right, the payment went through twice. I've voided the duplicate charge "
                "of {amount}.",
                "The billing postcode didn't match your card. I've placed the order for you "
                "manually.",
            ),
            ("You'll get a confirmation email shortly.",),
            (
                "Duplicate charge voided.",
                "Checkout failure (postcode mismatch); order placed by agent.",
            ),
            ("Payment help", "Cards, PayPal, Apple Pay", "See payment options"),
        ),
    ),
)

RESTAURANT = Industry(
    key="restaurant",
    suffixes=("Kitchen", "Bistro", "Pizzeria", "Eatery", "Grill"),
    bot_skill="concierge_bot",
    human_skills=("reservations", "delivery", "catering", "guest_relations"),
    groups=("Front of House", "Delivery Support", "Events"),
    products=(
        "margherita pizza",
        "chicken tikka bowl",
        "tasting menu",
        "family meal deal",
        "vegan burger",
        "sushi platter",
    ),
    category="food",
    topics=(
        Topic(
            "table_booking",
            "Table booking",
            "reservations",
            "lead",
            (
                "Can I book a table for 4 on {day} at {time}?",
                "Do you have space for 6 people tonight?",
                "I'd like to make a reservation for Saturday evening.",
            ),
            ("It's for a birthday, could we get a quiet table?", "One of us uses a wheelchair."),
            (
                "You're booked: table for 4 on {day} at {time}. See you then!",
                "We have a table at {time}. I've held it for 15 minutes, tap confirm to keep it.",
            ),
            "large_party",
            (
                "For larger groups we use the private room. I've reserved it for {day} at {time}.",
                "I've added a note for a quiet corner table and a birthday dessert on us.",
            ),
            ("You'll receive a confirmation text the day before.",),
            (
                "Group booking in private room for {day}.",
                "Birthday booking with special requests noted.",
            ),
            ("Book a table", "Open daily 11:30-22:00", "Reserve"),
        ),
        Topic(
            "delivery_status",
            "Delivery status",
            "delivery",
            "purchase",
            (
                "Where is my delivery? I ordered 50 minutes ago.",
                "My order {order} is late.",
                "The driver seems lost, can you check?",
            ),
            (
                "The app has said 'on the way' for 30 minutes.",
                "I live in the building behind the pharmacy.",
            ),
            (
                "Your order {order} is on its way and should arrive in about 10 minutes.",
                "The driver picked up your order at {time}; live tracking is in the app.",
            ),
            "late_delivery",
            (
                "I called the driver, he's two minutes away. I've added a 20% credit for the "
                "delay.",
                "The order went to the wrong address. A fresh one is being cooked now and it's "
                "our treat.",
            ),
            ("Sorry again for the wait, enjoy your meal!",),
            ("Late delivery; 20% credit applied.", "Misdelivered order remade free of charge."),
            ("Order {order}", "Driver on the way", "Track delivery"),
        ),
        Topic(
            "allergens",
            "Menu and allergens",
            "guest_relations",
            "",
            (
                "Does the {product} contain nuts?",
                "Do you have gluten-free options?",
                "Is the {product} vegan?",
            ),
            ("My son has a severe peanut allergy.", "I'm coeliac, so cross-contamination matters."),
            (
                "The {product} is made without nuts, but our kitchen handles nuts. Full allergen "
                "info is on our menu page.",
                "Yes! We have gluten-free bases and a separate prep area.",
            ),
            "allergy_safety",
            (
                "I checked with our head chef: the {product} is prepared on a separate station "
                "with no peanut products.",
                "For coeliac guests we recommend the {product2}; we'll flag your order for the "
                "kitchen.",
            ),
            ("Just mention the allergy when you order and we'll take care of it.",),
            ("Allergen question answered by chef.", "Coeliac guest; order flagged for kitchen."),
            ("Allergen guide", "All 14 allergens listed", "View menu"),
        ),
        Topic(
            "missing_item",
            "Missing item",
            "delivery",
            "purchase",
            (
                "My order {order} was missing the {product}.",
                "I got the wrong order.",
                "The food arrived cold, can I get a refund?",
            ),
            ("Only the drinks and the sides came.", "It was someone else's order entirely."),
            (
                "Sorry about that! I've refunded the missing {product} ({amount}) to your "
                "original payment method.",
                "I've added a credit of {amount} to your account for your next order.",
            ),
            "refund_over_limit",
            (
                "I've refunded the full order of {amount}; the kitchen knows about the mix-up.",
                "A replacement {product} is on its way, and the delivery fee is refunded.",
            ),
            ("The refund will appear in 2-3 business days.",),
            ("Missing item refunded ({amount}).", "Wrong order delivered; replacement sent."),
            ("Report a problem", "Missing or wrong items", "Get help"),
        ),
    ),
)

TRAVEL = Industry(
    key="travel",
    suffixes=("Travel", "Hotels", "Getaways", "Tours", "Inn"),
    bot_skill="travel_bot",
    human_skills=("bookings", "changes", "refunds", "vip_desk"),
    groups=("Reservations", "Guest Services"),
    products=(
        "deluxe double room",
        "ocean view suite",
        "city break package",
        "airport transfer",
        "weekend spa package",
        "family room",
    ),
    category="travel",
    topics=(
        Topic(
            "booking_change",
            "Change booking",
            "changes",
            "purchase",
            (
                "I need to change the dates of booking {order}.",
                "Can I add a night to my stay?",
                "Can I switch to a {product}?",
            ),
            ("We'd arrive on {day} instead.", "It's two adults and a child."),
            (
                "Booking {order} is now from {day}. The price difference is {amount}.",
                "I've added the extra night; a confirmation is on its way.",
            ),
            "fare_rules",
            (
                "I've moved booking {order} to {day} and waived the change fee.",
                "The {product} is available for your dates; I've upgraded you for {amount}.",
            ),
            ("You'll get the updated itinerary by email.",),
            ("Dates changed; change fee waived.", "Upgraded to {product} for {amount}."),
            ("Booking {order}", "Manage your trip", "Change dates"),
        ),
        Topic(
            "cancellation_refund",
            "Cancellation and refund",
            "refunds",
            "purchase",
            (
                "I need to cancel booking {order}.",
                "Am I entitled to a refund if I cancel?",
                "Where is the refund for my cancelled trip?",
            ),
            ("A family emergency came up.", "I cancelled on {day}."),
            (
                "Booking {order} is cancelled. Your refund of {amount} is on its way.",
                "Free cancellation applies until 48 hours before arrival.",
            ),
            "non_refundable_rate",
            (
                "Your rate was non-refundable, but given the circumstances I've issued a full "
                "refund of {amount}.",
                "The refund was stuck with our payment provider; I've resent it today.",
            ),
            ("Refunds take 5-10 business days to show.",),
            ("Non-refundable booking refunded as exception.", "Stuck refund resent."),
            ("Cancellation policy", "Free until 48h before arrival", "Cancel booking"),
        ),
        Topic(
            "checkin_info",
            "Check-in information",
            "bookings",
            "",
            ("What time is check-in?", "Can I check in early on {day}?", "Is parking available?"),
            ("Our flight lands at 9am.", "We're driving from {city}."),
            (
                "Check-in is from 3pm and check-out by 11am. Early check-in is subject to "
                "availability.",
                "Yes, we have on-site parking for {amount} per night.",
            ),
            "early_checkin",
            (
                "I've noted an early check-in for {day}; your room will be ready at 11am.",
                "I've reserved a parking space for you at no extra cost.",
            ),
            ("Have a great trip!",),
            ("Early check-in arranged for {day}.", "Parking reserved free of charge."),
            ("Your stay", "Check-in from 3pm", "See details"),
        ),
        Topic(
            "add_extras",
            "Add extras",
            "vip_desk",
            "cart",
            (
                "Can I add an airport transfer to my booking?",
                "Do you offer a {product2}?",
                "How much is breakfast?",
            ),
            ("We land at {time} on {day}.", "It's for our anniversary."),
            (
                "An airport transfer is {amount}. I've added it to booking {order}.",
                "Breakfast is {amount} per person per day, payable at the hotel.",
            ),
            "special_request",
            (
                "I've added the airport transfer and a bottle of champagne for your anniversary.",
                "The {product2} is booked for {day} at {time}.",
            ),
            ("Everything is confirmed on your booking.",),
            ("Extras added to booking; anniversary noted.", "{product2} booked."),
            ("Extras", "Transfers, spa, breakfast", "Add to booking"),
        ),
    ),
)
