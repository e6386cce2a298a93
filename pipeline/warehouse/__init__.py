"""The DuckDB warehouse: schema, idempotent per-document loads, queries."""

from pipeline.warehouse.store import (
    DEFAULT_WAREHOUSE,
    Warehouse,
    WarehouseLockedError,
    WarehouseMissingError,
)

__all__ = ["DEFAULT_WAREHOUSE", "Warehouse", "WarehouseLockedError", "WarehouseMissingError"]
