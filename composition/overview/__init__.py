"""The organisation overview (journey 7): every AMG of an organisation side by side.

For each AMG: its APV and the next 3-year dates of its areas, overdue actions and follow-ups,
stalled cards (the board's rule, with each AMG's own number of weeks), the last and next meeting,
ideas waiting, and the latest arbejdsmiljøkompetence profile, drawn against the organisation's
spread like NFA's comparison of 64 departments.

Only AMG-level aggregates leave the AMG: counts, dates and a profile's averages. A profile with
fewer than MIN_RESPONDENTS answer sheets is not shown (its average would be one member's answers).
The page costs the same number of queries for 2 AMGs as for 500.

The package: `data` (the rows and the organisation's spread), `sorting` (the columns and
?sorter=), `queries` (reading it all, and the 2-minute cache), `charts` (the SVG pictures),
`export` (the CSV) and `table` (the table's rows, drawn once per sort order).
"""
