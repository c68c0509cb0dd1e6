"""The HTML writer: one self-contained page per brief (`document`), and beside it one
source viewer page per seed file the brief cites (`viewer`)."""
