"""The self-assessment instruments (Metoder's `instruments` topic).

An instrument is data: one TOML file per instrument in `data/`, loaded and validated by
`engine` (the system check `metoder.E001` in `checks` names a broken file). A `Round` is one
instrument answered by the group's members (`models`); `queries` compares the answers,
`charts` draws them, `services` holds the writes, `views`/`forms` the pages.
"""
