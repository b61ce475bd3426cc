"""The inspection bundle: the documentation for Arbejdstilsynet, as a web page and as one PDF.

It lives in the composition root because it gathers from every app, in the order an inspector
reads it (`document.SECTIONS`): the AMO, the APV, the handlingsplan, incidents, meetings, the
annual discussion, training, the årshjul, and the appendices. `document.build` reads it,
`render` turns it into HTML and PDF/A, `tasks.render_export` renders an export in the background
worker, `services` keeps every export (`composition.models.InspectionExport`), `views` shows
the page, the exports and their progress.
"""
