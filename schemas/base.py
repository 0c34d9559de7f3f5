"""The base schema every payload schema derives from."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields


def camelcase(name: str) -> str:
    """Turn a snake_case attribute name into LivePerson's camelCase key."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class BaseSchema(Schema):
    """Strict schema: unknown keys are an error, JSON keys are camelCase.

    A field whose JSON key is not the plain camelCase of its name (LivePerson has a few, such as
    ``alertedMCS``) sets ``data_key`` explicitly, which wins.
    """

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        if field_obj.data_key is None:
            field_obj.data_key = camelcase(field_name)
