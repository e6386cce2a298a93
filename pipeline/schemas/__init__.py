"""Pydantic models: the contract between pipeline stages and with the warehouse."""
