"""The APV's own records (kortlægning, analyse, opfølgning, sygefravær) come in later issues.

Today the app owns the documentation for Arbejdstilsynet (apv/documentation.py), built from the
handleplan and the AMG's members.
"""
