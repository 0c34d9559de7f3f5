"""Engagement attributes (SDEs) the brand sends with a conversation, typed as with ``v=2``.

Who sends what: logged-in consumers come with customerInfo and often personalInfo; the topic
decides whether a purchase, cart, viewed product, lead or service activity comes along; web
visitors who are not logged in sometimes leave unauthenticated searchContent or visitorError
events. Time stamps are ms values serialised as strings, as in every LivePerson example.
"""

from __future__ import annotations

from typing import Any

from seed.records import phrases
from seed.records.clock import DAY_MS
from seed.records.people import calendar_date
from seed.records.story import Story

_CART_SIZES = (1, 1, 2, 2, 3, 4)


def _event(key: str, sde_type: str, payload: dict[str, Any], at: int) -> dict[str, Any]:
    stamp = str(at)
    return {
        key: {"serverTimeStamp": stamp, **payload},
        "sdeType": sde_type,
        "serverTimeStamp": stamp,
    }


def _products(story: Story, n: int, *, stock: bool = False) -> tuple[list[dict[str, Any]], float]:
    r = story.random
    industry = story.cat.industry
    items = []
    total = 0.0
    for _ in range(n):
        price = round(5 + r() * 195, 2)
        quantity = 1 + int(r() * 2)
        total += price * quantity
        name = industry.products[int(r() * len(industry.products))]
        product: dict[str, Any] = {
            "name": name,
            "category": industry.category,
            "sku": f"SKU-{int(r() * 90_000) + 10_000}",
            "price": price,
        }
        if stock:
            product["statusInStock"] = "IN_STOCK" if r() < 0.8 else "OUT_OF_STOCK"
            product["quantityInStock"] = int(r() * 40)
        items.append({"quantity": quantity, "product": product})
    return items, round(total, 2)


def sdes(story: Story) -> dict[str, Any] | None:
    """Return the authenticated SDE events of the conversation, or None when there are none."""
    r = story.random
    consumer = story.consumer
    start = story.start
    currency = consumer.geo.currency
    events: list[dict[str, Any]] = []
    if consumer.authenticated:
        info = {
            "customerStatus": consumer.customer_status,
            "customerType": consumer.customer_type,
            "balance": consumer.balance,
            "currency": currency,
            "customerId": consumer.customer_id,
            "userName": consumer.email.split("@")[0],
            "registrationDate": dict(
                zip(("year", "month", "day"), consumer.registered, strict=True)
            ),
            "loginStatus": 1,
        }
        if r() < 0.6:
            y, m, d = calendar_date(start - int((1 + r() * 60) * DAY_MS))
            info["lastPaymentDate"] = {"year": y, "month": m, "day": d}
        events.append(_event("customerInfo", "CUSTOMER_INFO", {"customerInfo": info}, start + 120))
        if r() < 0.5:
            y, m, d = consumer.born
            now_y, now_m, now_d = calendar_date(start)
            personal = {
                "name": consumer.first,
                "surname": consumer.last,
                "gender": consumer.gender,
                "language": consumer.geo.language,
                "customerAge": {
                    "customerAgeInYears": now_y - y - ((now_m, now_d) < (m, d)),
                    "customerYearOfBirth": y,
                    "customerMonthOfBirth": m,
                    "customerDateOfBirth": d,
                },
                "contacts": [
                    {"personalContact": {"email": consumer.email, "phone": consumer.phone}}
                ],
            }
            events.append(
                _event("personalInfo", "PERSONAL_INFO", {"personalInfo": personal}, start + 130)
            )
    kind = story.topic.topic.sde
    roll = r()
    if kind == "purchase" and roll < 0.45:
        items, total = _products(story, _CART_SIZES[int(r() * 6)])
        purchase = {
            "total": total,
            "currency": currency,
            "orderId": story.fill["order"],
            "cart": {"total": total, "numItems": len(items), "products": items},
        }
        events.append(_event("purchase", "PURCHASE", purchase, start - 60_000 - int(r() * 600_000)))
    elif kind == "cart" and roll < 0.35:
        items, total = _products(story, _CART_SIZES[int(r() * 6)])
        cart = {"total": total, "currency": currency, "numItems": len(items), "products": items}
        events.append(_event("cartStatus", "CART_STATUS", cart, start - int(r() * 120_000)))
    elif kind == "viewed" and roll < 0.35:
        items, _ = _products(story, 1, stock=True)
        viewed = {"currency": currency, "products": items}
        events.append(_event("viewedProduct", "VIEWED_PRODUCT", viewed, start - int(r() * 90_000)))
    elif kind == "lead" and roll < 0.3:
        lead = {
            "topic": story.topic.topic.label,
            "value": round(20 + r() * 480, 2),
            "currency": currency,
            "leadId": f"L-{int(r() * 900_000) + 100_000}",
        }
        events.append(_event("lead", "LEAD", {"lead": lead}, start + 150))
    elif kind == "service" and roll < 0.3:
        activity = {
            "topic": story.topic.topic.label,
            "status": int(r() * 14),
            "category": story.cat.industry.category,
            "serviceId": story.fill["ref"],
        }
        events.append(
            _event(
                "serviceActivity", "SERVICE_ACTIVITY", {"serviceActivity": activity}, start + 150
            )
        )
    if story.source == "SHARK" and r() < 0.08:
        campaign = {
            "originatingChannel": int(r() * 7),
            "affiliate": "newsletter",
            "campaignId": f"{story.cat.domain.split('.')[0]}-promo-{int(r() * 12) + 1}",
        }
        events.append(
            _event(
                "marketingCampaignInfo",
                "MARKETING_CAMPAIGN_INFO",
                {"marketingCampaignInfo": campaign},
                start - int(r() * 300_000),
            )
        )
    return {"events": events} if events else None


def unauthenticated_sdes(story: Story) -> dict[str, Any] | None:
    """Return what an anonymous web visitor left behind (search terms, a form error), if any."""
    if story.source != "SHARK" or story.consumer.authenticated:
        return None
    r = story.random
    start = story.start
    events: list[dict[str, Any]] = []
    if r() < 0.12:
        keywords = [phrases.SEARCH_KEYWORDS[int(r() * len(phrases.SEARCH_KEYWORDS))]]
        search = _event(
            "searchContent", "SEARCH_CONTENT", {"keywords": keywords}, start - int(r() * 120_000)
        )
        search["isAuthenticated"] = False
        events.append(search)
    if r() < 0.04:
        code, message = phrases.VISITOR_ERRORS[int(r() * len(phrases.VISITOR_ERRORS))]
        error = {
            "contextId": f"ctx-{int(r() * 90_000) + 10_000}",
            "message": message,
            "code": code,
            "level": 1 + int(r() * 3),
            "resolved": r() < 0.3,
        }
        event = _event(
            "visitorError", "VISITOR_ERROR", {"visitorError": error}, start - int(r() * 60_000)
        )
        event["isAuthenticated"] = False
        events.append(event)
    return {"events": events} if events else None
