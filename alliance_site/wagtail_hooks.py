"""The shared core's admin hooks: the fences between member libraries."""

from . import admin_fences  # noqa: F401  (registers its hooks)
