"""How attendance figures read in tables: two decimal places, or DfE's reason for having none."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value, places=2):
    """12.97771 → '12.98'; None → '' (the table says why instead)."""
    if value is None:
        return ""
    return f"{Decimal(value):.{int(places)}f}"


@register.filter
def year_text(year):
    return "" if year is None else f"{year}/{(year + 1) % 100:02d}"
