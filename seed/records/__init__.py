"""The parts of the conversation-record generator; `seed.factories` is the public entry point."""
