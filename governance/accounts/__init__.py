"""User accounts the civil-service way: invited by e-mail, linked to a person of a region, given a
role, deactivated when they leave (never deleted once they appear in any history)."""
