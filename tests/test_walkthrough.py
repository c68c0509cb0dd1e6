"""The README's "Add a source" walkthrough, step by step, in a copy of the test project:
its commands as the README writes them, the edit a curator makes, and the new facts in
the briefs."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import ROOT

from briefing.cli import main

ARTICLE = ROOT / "tests" / "fixtures" / "new-source" / "article.txt"


def readme_commands() -> list[list[str]]:
    """Return the `briefing` commands of the README's walkthrough, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Add a source", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip().startswith("briefing "):
                commands.append(shlex.split(command.strip())[1:])
    return commands


def run(capsys, root, args) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def curate(root) -> None:
    """What the curator does in step 4, on the proposals `propose` appended."""
    path = root / "seeds/facts/s005.yaml"
    text = path.read_text(encoding="utf-8")
    # Delete the headline's proposal: the next sentence says it, with its actor.
    text = re.sub(r"  # proposed from s005, line 1:.*?\n\n", "", text, flags=re.S)
    # The article names the 25th SOMTC only in passing: the guesses are wrong.
    text = re.sub(r"    meeting: somtc-25  # guess[^\n]*\n", "", text)
    # House style for one text, and the organisation it names.
    text = re.sub(r'(    text: )"Police forces of the ten ASEAN member states[^\n]*\n',
                  r'\1"The ASEANAPOL Secretariat said the police forces of the ten ASEAN '
                  r'member states would step up joint operations against online scam '
                  r'syndicates."\n    organisations: [aseanapol]\n', text)
    path.write_text(text, encoding="utf-8")
    vocab = root / "seeds/vocab/organisations.yaml"
    vocab.write_text("organisations:\n  - {id: aseanapol, name: ASEANAPOL Secretariat, "
                     "short: ASEANAPOL, kind: secretariat}\n", encoding="utf-8")
    registry = root / "seeds/sources.yaml"
    entry = registry.read_text(encoding="utf-8")
    entry = entry.replace("    status: draft  # `final` (or delete the line) once its facts "
                          "are curated\n", "    status: final\n")
    registry.write_text(entry + "    debris: [Related, Click Here For The Original Source.]\n",
                        encoding="utf-8")


def test_the_walkthrough_takes_a_new_article_into_the_briefs(project, tmp_path, capsys):
    commands = readme_commands()
    assert [c[0] for c in commands] == ["add-source", "uncited", "propose", "check", "build"]
    assert len(commands) + 1 <= 6  # and the tests, the sixth
    article = tmp_path / "articles" / "aseanapol-2025-07-02.txt"
    article.parent.mkdir()
    shutil.copyfile(ARTICLE, article)
    out = project / "out"
    for n, args in enumerate(commands):
        args = [str(article) if a.endswith("aseanapol-2025-07-02.txt") else a for a in args]
        if args[0] == "propose":
            args = [str(project / a) if a.startswith("seeds/") else a for a in args]
        if args[0] == "build":
            args += ["--format", "md", "--out", str(out)]
        if args[0] == "check":
            curate(project)  # step 4 comes before the check
        code, stdout, stderr = run(capsys, project, args)
        assert code == 0, (args, stderr)
        if args[0] == "add-source":
            assert "registered source s005 in seeds/sources.yaml (status: draft)" in stdout
            assert (project / "seeds" / article.name).read_bytes() == ARTICLE.read_bytes()
        elif args[0] == "uncited":
            assert "line 12: Click Here For The Original Source.  [looks like web debris" in stdout
        elif args[0] == "propose":
            assert re.search(r"appended \d+ proposed facts to seeds/facts/s005.yaml", stdout)
            assert "organisations.yaml" in stdout  # candidate entries, ASEANAPOL's among them
            # As written, the proposals pass check.
            assert run(capsys, project, ["check"])[0] == 0
        elif args[0] == "check":
            assert "warnings:  0" in stdout and "errors:    0" in stdout, stderr
    brief = (out / "full-brief.md").read_text(encoding="utf-8")
    assert "The ASEANAPOL Secretariat said the police forces of the ten ASEAN member" in brief
    plain = brief.replace("\\", "")
    # The note gives the line and the words; the sources list names the file.
    assert re.search(r"\[\^\d+\]: [^\n]*, l\. 2: “Police forces of the ten ASEAN", plain)
    assert "aseanapol-2025-07-02.txt" in plain.split("# Sources", 1)[1]
    assert "https://example.org/aseanapol/2025-07-02" in brief  # the sources list
    assert "Click Here" not in brief
    facts = (project / "seeds/facts/s005.yaml").read_text(encoding="utf-8")
    assert "line 1:" not in facts and "meeting: somtc-25  # guess" not in facts
