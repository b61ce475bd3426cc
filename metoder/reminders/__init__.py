"""E-mail reminders: what is due for each member, sent by `manage.py send_reminders`
(`sending`), and each member's choice of what they receive."""
