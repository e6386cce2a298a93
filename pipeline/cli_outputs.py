"""Commands that read the warehouse or check reports: registered on the main `pipeline` app."""

from __future__ import annotations
