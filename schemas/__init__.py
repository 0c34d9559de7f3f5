"""marshmallow schemas: request validation and the documented shape of every response."""
