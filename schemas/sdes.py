"""Engagement attributes (SDEs): the ``sdes`` and ``unAuthSdes`` sections (reference 5.19).

Records are stored in the typed (v=2) form; ``app.services.sde_format.sdes_as_v1`` derives the
all-strings v=1 form on the way out. Each event carries exactly one payload key. "Nested" kinds
wrap their fields once more under the same key (``customerInfo.customerInfo{...}``), "flat" kinds
put them directly in the payload; both carry the payload's own timestamps.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate, validates_schema

from schemas.records_base import RecordSectionSchema
from schemas.records_enums import SDE_KEYS, SDE_TYPE_BY_KEY, SDE_TYPES
from schemas.records_fields import (
    TEXT_MAX,
    Bool,
    Double,
    Id,
    Int32,
    List,
    Long,
    MsText,
    Nested,
    Text,
)


class SdeId(Id):
    """An identifier inside an attribute: a string, numbers accepted, as long as any SDE value."""

    def __init__(self, **kwargs: Any):
        super().__init__(max_length=TEXT_MAX, **kwargs)


class DateSchema(RecordSectionSchema):
    """A calendar date as LivePerson sends it: three integers."""

    year = Int32(minimum=1, maximum=9999)
    month = Int32(minimum=1, maximum=12)
    day = Int32(minimum=1, maximum=31)


class CustomerInfoSchema(RecordSectionSchema):
    """The fields of a customerInfo attribute."""

    customer_status = Text()
    customer_type = Text()
    balance = Double()
    currency = Text()
    customer_id = SdeId()
    social_id = SdeId()
    imei = SdeId()
    user_name = Text()
    account_name = Text()
    role = Text()
    last_payment_date = Nested(DateSchema)
    registration_date = Nested(DateSchema)
    company_size = Int32()
    company_branch = Text()
    store_zip_code = SdeId()
    store_number = SdeId()
    login_status = Int32()


class CustomerAgeSchema(RecordSectionSchema):
    """Age facts; LivePerson's own example sends the age in years as a decimal ("34.0")."""

    customer_age_in_years = Double()
    customer_year_of_birth = Int32()
    customer_month_of_birth = Int32(minimum=1, maximum=12)
    customer_date_of_birth = Int32(minimum=1, maximum=31)


class AddressSchema(RecordSectionSchema):
    """A contact's address, as in LivePerson's engagement attribute definition."""

    country = Text()
    region = Text()


class PersonalContactSchema(RecordSectionSchema):
    """One way to reach the consumer."""

    email = Text()
    phone = Text()
    phone_type = Text()
    address = Nested(AddressSchema)
    preferred_contact_method = Text()


class ContactSchema(RecordSectionSchema):
    """A ``contacts`` item, which wraps one personalContact."""

    personal_contact = Nested(PersonalContactSchema)


class PersonalInfoSchema(RecordSectionSchema):
    """The fields of a personalInfo attribute."""

    name = Text()
    surname = Text()
    gender = Text()
    company = Text()
    customer_age = Nested(CustomerAgeSchema)
    contacts = Nested(ContactSchema, many=True)
    language = Text()


class ProductSchema(RecordSectionSchema):
    """A product; stock facts appear only in viewedProduct."""

    name = Text()
    category = Text()
    sku = SdeId()
    price = Double()
    status_in_stock = Text()
    quantity_in_stock = Int32()


class ProductLineSchema(RecordSectionSchema):
    """A ``products`` item: a quantity of one product."""

    quantity = Int32()
    product = Nested(ProductSchema)


class MarketingCampaignInfoSchema(RecordSectionSchema):
    """The fields of a marketingCampaignInfo attribute (originatingChannel 0 Direct..6 Display)."""

    originating_channel = Int32()
    affiliate = Text()
    campaign_id = SdeId()


class VisitorErrorSchema(RecordSectionSchema):
    """The fields of a visitorError attribute."""

    context_id = SdeId()
    message = Text()
    code = SdeId()
    level = Long()
    resolved = Bool()


class LeadSchema(RecordSectionSchema):
    """The fields of a lead attribute."""

    topic = Text()
    value = Double()
    currency = Text()
    lead_id = SdeId()


class ServiceActivitySchema(RecordSectionSchema):
    """The fields of a serviceActivity attribute (status 0 Complete ... 13 Resolved)."""

    topic = Text()
    status = Int32()
    category = Text()
    service_id = SdeId()


class PayloadSchema(RecordSectionSchema):
    """What every payload carries besides its fields: its own timestamps.

    LivePerson's v=2 examples also put ``isAuthenticated`` here, not only on the event.
    """

    server_time_stamp = MsText()
    original_time_stamp = MsText()
    is_authenticated = Bool()


class CustomerInfoPayloadSchema(PayloadSchema):
    """Nested kind."""

    customer_info = Nested(CustomerInfoSchema)


class PersonalInfoPayloadSchema(PayloadSchema):
    """Nested kind."""

    personal_info = Nested(PersonalInfoSchema)


class MarketingCampaignInfoPayloadSchema(PayloadSchema):
    """Nested kind."""

    marketing_campaign_info = Nested(MarketingCampaignInfoSchema)


class VisitorErrorPayloadSchema(PayloadSchema):
    """Nested kind."""

    visitor_error = Nested(VisitorErrorSchema)


class LeadPayloadSchema(PayloadSchema):
    """Nested kind."""

    lead = Nested(LeadSchema)


class ServiceActivityPayloadSchema(PayloadSchema):
    """Nested kind."""

    service_activity = Nested(ServiceActivitySchema)


class CartStatusPayloadSchema(PayloadSchema):
    """Flat kind: a shopping cart update (also the ``cart`` of a purchase)."""

    total = Double()
    currency = Text()
    num_items = Int32(minimum=0)
    products = Nested(ProductLineSchema, many=True)


class PurchasePayloadSchema(PayloadSchema):
    """Flat kind: a transaction."""

    total = Double()
    currency = Text()
    order_id = SdeId()
    cart = Nested(CartStatusPayloadSchema)


class SearchContentPayloadSchema(PayloadSchema):
    """Flat kind: what the consumer searched for."""

    keywords = List(Text())


class ViewedProductPayloadSchema(PayloadSchema):
    """Flat kind: products the consumer looked at."""

    currency = Text()
    products = Nested(ProductLineSchema, many=True)


class SdeEventSchema(RecordSectionSchema):
    """One authenticated engagement attribute event."""

    customer_info = Nested(CustomerInfoPayloadSchema)
    personal_info = Nested(PersonalInfoPayloadSchema)
    cart_status = Nested(CartStatusPayloadSchema)
    purchase = Nested(PurchasePayloadSchema)
    marketing_campaign_info = Nested(MarketingCampaignInfoPayloadSchema)
    search_content = Nested(SearchContentPayloadSchema)
    viewed_product = Nested(ViewedProductPayloadSchema)
    visitor_error = Nested(VisitorErrorPayloadSchema)
    lead = Nested(LeadPayloadSchema)
    service_activity = Nested(ServiceActivityPayloadSchema)
    sde_type = Text(required=True, validate=validate.OneOf(SDE_TYPES))
    server_time_stamp = MsText()

    @validates_schema
    def _one_payload_matching_type(self, data: dict[str, Any], **_: Any) -> None:
        keys = [key for key in SDE_KEYS if key in data]
        if len(keys) != 1:
            raise ValidationError(f"Expected exactly one of {', '.join(SDE_KEYS)}.")
        expected = SDE_TYPE_BY_KEY[keys[0]]
        if data["sdeType"] != expected:
            raise ValidationError(f"Must be {expected} for a {keys[0]} event.", "sdeType")


class UnAuthSdeEventSchema(SdeEventSchema):
    """One unauthenticated engagement attribute event."""

    is_authenticated = Bool()


class SdesSchema(RecordSectionSchema):
    """``sdes``: authenticated engagement attributes."""

    events = Nested(SdeEventSchema, many=True)


class UnAuthSdesSchema(RecordSectionSchema):
    """``unAuthSdes``: unauthenticated engagement attributes (served with v=2 only)."""

    events = Nested(UnAuthSdeEventSchema, many=True)
