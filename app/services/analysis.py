"""The analysis PDF of an interview, for the analysis screen to save beside its summary.

The PDF is the API's; a candidate past their GDPR date is asked about before the download and
again after it (a purge can land meanwhile), so no file of a purged candidate is ever written.
"""

from __future__ import annotations

from app.factory import AppContext


class Withheld(Exception):
    """The candidate's data is gone under GDPR: nothing more about them is fetched or kept."""


async def analysis_pdf(context: AppContext, interview_id: str) -> bytes:
    """The analysis PDF of a cached interview, to be written to a file; `Withheld` when its
    candidate is past the GDPR date."""
    message = ("This interview's candidate is past their GDPR date: their data is removed, "
               "so no PDF is made.")
    if not context.store.holds_interview(interview_id):
        raise Withheld(message)
    pdf = await context.client.analysis_pdf(interview_id)
    if not context.store.holds_interview(interview_id):
        raise Withheld(message)
    return pdf
