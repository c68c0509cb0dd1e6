"""Briefing generator: sourced briefs on ASEAN cooperation against transnational crime."""

__version__ = "0.1.0"
