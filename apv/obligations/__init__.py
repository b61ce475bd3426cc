"""The APV's checks in the engine of obligations (`forkant.obligations`), registered in
`ApvConfig.ready()`: the 3-year rule and changes (point 2), the problems' risk assessment and the
five psychosocial risk factors (3), sickness absence (4), the handlingsplan and the permanent
risks (5), follow-ups (6), the "no problems found" statement (8), EASY reports (11), the
guidelines on violence and threats (12) and the APV available to the employees (13).

Each check reads through loaders (`load`): one query per loader for every AMG being checked, so
the organisation overview costs the same for 2 AMGs as for 50. The "current" APV is the AMG's
newest (the APV page's order). Work missing from an APV still under way is due soon (amber);
missing from a closed APV it is missing (red), and the fix is a revision.
"""

from __future__ import annotations


def register() -> None:
    """Register every APV check (called from ApvConfig.ready())."""
    from apv.obligations import assessment, incidents, plan
    from forkant.obligations import register_check

    for rule_key, check in [
        ("apv-revision", assessment.apv_revision),
        ("apv-changes", assessment.apv_changes),
        ("risk-assessment", assessment.risk_assessment),
        ("psychosocial-factors", assessment.psychosocial_factors),
        ("absence-included", assessment.absence_included),
        ("no-problems-statement", assessment.no_problems_statement),
        ("apv-available", assessment.apv_available),
        ("action-plan", plan.action_plan),
        ("permanent-risks", plan.permanent_risks),
        ("follow-up", plan.follow_up),
        ("easy-report", incidents.easy_report),
        ("violence-guideline", incidents.violence_guideline),
    ]:
        register_check(rule_key, check)
