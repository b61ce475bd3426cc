"""The year: the årshjul with AMG-møder, tavlemøder and other items, AMG-møde agendas and
their templates, the before/during/after checklist, the wheel drawn as SVG (`wheel`) and each
member's calendar feed (`ical`)."""
