"""Exceptions with messages a reader can act on.

Each error names the file or parameter at fault and says what was expected,
so a failed build tells the user where to look without a traceback hunt.
"""


class ProjectError(Exception):
    """Base class: an input the project cannot use, explained."""


class CorpusError(ProjectError):
    """A seed file or the manifest is missing, malformed or inconsistent."""


class ParameterError(ProjectError):
    """A chapter parameter is unknown or of the wrong type or value."""


class BuildError(ProjectError):
    """A chapter failed to execute or the book failed to compile."""
