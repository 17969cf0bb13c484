"""Notifications are personal: the admin lists none (a notification can say that someone
voted, or that a concern was raised with them)."""
