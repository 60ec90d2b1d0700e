"""CI check: the Chinese catalogue matches the GUI source and is fully translated and compiled.

Fails (exit 1) when
- the ``.ts`` is stale: lupdate run over the source (into a temporary copy) finds a different
  set of source strings than the committed ``.ts`` holds;
- any message is unfinished (untranslated);
- the ``.qm`` is missing or older than the ``.ts``: compiling the ``.ts`` does not give the
  committed ``.qm`` byte for byte. (Content, not file times: a git checkout sets the times in
  whatever order it writes the files.)

Fix with ``python tools/update_translations.py``, translate, and commit the ``.ts`` and ``.qm``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from update_translations import QM, ROOT, TS, lrelease, lupdate, messages


def main() -> int:
    problems: list[str] = []
    if not TS.exists():
        print(f"missing {TS.relative_to(ROOT)}: run python tools/update_translations.py")
        return 1
    committed = messages(TS)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / TS.name
        shutil.copy2(TS, fresh_ts)
        lupdate(fresh_ts)
        fresh = messages(fresh_ts)
        added = sorted(set(fresh) - set(committed))
        gone = sorted(set(committed) - set(fresh))
        for context, source in added:
            problems.append(f"not in the .ts (new in the source): {context}: {source}")
        for context, source in gone:
            problems.append(f"in the .ts but no longer in the source: {context}: {source}")
        for (context, source), text in sorted(committed.items()):
            if text is None:
                problems.append(f"unfinished: {context}: {source}")
        if not QM.exists():
            problems.append(f"missing {QM.relative_to(ROOT)}")
        else:
            fresh_qm = Path(tmp) / QM.name
            lrelease(TS, fresh_qm)
            if fresh_qm.read_bytes() != QM.read_bytes():
                problems.append(f"{QM.relative_to(ROOT)} is older than the .ts (compile it again)")
    for line in problems:
        print(line)
    if problems:
        print("fix: python tools/update_translations.py, translate the unfinished entries, commit .ts and .qm")
        return 1
    print(f"translations up to date: {len(committed)} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
