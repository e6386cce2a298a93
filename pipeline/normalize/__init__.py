"""Normalizers: amounts to integer won, numbers, dates and names to one comparable form. Pure functions."""

from pipeline.normalize.cells import CellValue, classify_cell, column_unit
from pipeline.normalize.dates import DateRange, DateValue, find_as_of, parse_date, parse_date_range
from pipeline.normalize.money import (
    MoneyMention,
    find_money,
    parse_money,
    parse_money_breakdown,
    parse_money_range,
)
from pipeline.normalize.names import normalize_name, search_form
from pipeline.normalize.numbers import ParsedNumber, parse_number
from pipeline.normalize.units import parse_unit_annotation, unit_multiplier

__all__ = [
    "CellValue",
    "DateRange",
    "DateValue",
    "MoneyMention",
    "ParsedNumber",
    "classify_cell",
    "column_unit",
    "find_as_of",
    "find_money",
    "normalize_name",
    "parse_date",
    "parse_date_range",
    "parse_money",
    "parse_money_breakdown",
    "parse_money_range",
    "parse_number",
    "parse_unit_annotation",
    "search_form",
    "unit_multiplier",
]
