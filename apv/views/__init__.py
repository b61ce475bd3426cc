"""The APV's pages, one module per page group; urls.py imports the modules themselves.

- `apv_and_areas`: the APV (start, revise, edit, close, no problems found), areas and changes
- `parts`: the five parts' pages, and sygefravær's figures and assessment
- `kortlaegning_sources`: dialogisk APV, survey import, arbejdsmiljøgennemgang, input
- `problems`: analyse: the problems, and turning a problem into actions
- `follow_up`: opfølgning and evaluation of an action on the board
- `risk_assessments`: risikovurderinger, their content and PDF
- `incidents`: hændelser
- `common`: what they share: rendering a page, a form or a part's page, a refusal, loading an APV
"""
