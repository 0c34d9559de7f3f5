"""Messaging Interactions search: filters, access scope and stored sections to one page."""

from app.services.search.page import SearchPage, SearchQuery, run
from app.services.search.sections import SectionChoice, withheld_sections

__all__ = ["SearchPage", "SearchQuery", "SectionChoice", "run", "withheld_sections"]
