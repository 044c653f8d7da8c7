"""The errors a case action raises with a message a person can act on."""


class CaseError(Exception):
    """A request about a case that cannot be carried out, with a message a person can act on."""


class SubmissionConflict(CaseError):
    """The same submission key was used before for a different request."""
