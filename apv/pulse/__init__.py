"""The pulse ("Tag temperaturen"): Metode 1's dialogisk APV answered on staff phones through the
wall's QR code, anonymous, live on the wall once enough have answered, and recorded in the
current APV's kortlægning when it closes.

Anonymous for real: an answer is only ever added to per-theme, per-point counters (`PulseCount`)
and to the number of answers (`PulseTally`); no row links the themes of one person, and nothing
about the phone or its address is stored with it. A proposal is a row of its own
(`PulseProposal`), without a time or a link to the scores, moderated like an idea.
"""
