"""The one error a command reports to the user instead of a result."""


class UsageError(Exception):
    """Wrong arguments or settings: reported on stderr, exit status 2."""
