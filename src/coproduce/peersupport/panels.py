"""This capability's panel on the initiative page: a link for those who may use the
initiative's time credits, which it runs in."""

from coproduce.timecredits.panels import context

__all__ = ["context"]
