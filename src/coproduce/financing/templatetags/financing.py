"""Money and time as people read them: pence as pounds, minutes as hours."""

from django import template

from coproduce.financing import selectors

register = template.Library()
register.filter("pounds", selectors.pounds)
register.filter("hours", selectors.hours)
