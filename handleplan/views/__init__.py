"""Handleplan's pages, one module per page group; urls.py imports the modules themselves.

- `board`: the members' board, its live poll, the A3 poster and the CSV and Excel exports
- `actions`: a card's new, detail, edit (and the edit conflict), move and delete
- `history_and_bin`: a card's history and restoring a version; the bin
- `themes`: the board's rows
- `ideas`: the public idea form behind the wall's QR code and the members' moderation queue
- `matrix`: the effect × reach matrix (Metode 6)
- `nudging`: a card's nudging plan (Metode 3)
- `meetings`: the next tavlemøde, meetings and their referat
- `board_settings`: the board's settings
- `wall`: the wall screen
- `common`: what the board's pages share: the board, the answers after a write, dialogs
"""
