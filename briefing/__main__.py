from briefing.cli import entrypoint

entrypoint()
