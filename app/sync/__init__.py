"""Replication from the API into the store (replication.py) and the live-interview watcher
(watcher.py); the `sync` command that drives them is app.commands.sync.

Creating while offline is refused, not queued in an outbox. The client raises OfflineError only
when the request surely never reached the server, so the scheduling form can say "nothing was
sent" and keep its draft on disk (app.drafts) for the recruiter to send when the connection is
back: an interview is never sent twice and never silently lost. An outbox would have to decide
after reconnecting whether a call at a time that may have passed is still wanted, and whether a
slot chosen against an old cache is still valid; asking the recruiter is safer. A create whose
answer is lost after sending is a different case: app.services.scheduling looks for it before
anything is sent again, and when it cannot look (offline) it says so as OutcomeUnknownError,
never as "nothing was sent".
"""
