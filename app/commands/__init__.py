"""The `interview-desk` sub-commands (sync, export, sandbox) and the error they share.

They sit above the layers they drive (store, sync, sandbox) so no layer ever imports a command;
`app/cli.py` only parses arguments and hands each sub-command to its module here.
"""


class CommandError(Exception):
    """A failure the user can act on; its message is printed as the one line of output."""


class UsageError(CommandError):
    """An option the command cannot take as given (exit 2, as argparse's own errors)."""
