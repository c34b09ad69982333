"""How attendance figures read in tables: two decimal places, or DfE's reason for having none."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def figure(value, places=2):
    """12.97771 → '12.98', 12.125 → '12.13' (half up, as DfE rounds); None → '' (the table says why instead)."""
    if value is None:
        return ""
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)}"


@register.filter
def year_text(year):
    return "" if year is None else f"{year}/{(year + 1) % 100:02d}"
