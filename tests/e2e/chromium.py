"""How Debian's chromium is started here, for the browser tests and scripts/screenshots.py."""

EXECUTABLE = "/usr/bin/chromium"
# Without the networking flags chromium keeps trying to reach the internet from this machine.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
