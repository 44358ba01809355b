"""Helper process of test_kill: loads the models once, then runs ingests in forked children and kills them.

Protocol on stdin/stdout, one line each:
    run DB DELAY   fork a child running ``veille.run.ingest(CORPUS, DB)``; SIGKILL it after DELAY
                   seconds unless it ended first; answer ``killed SECONDS`` or ``finished CODE``
    quit
The driver kills only its own children, so no stray process is ever hit.
"""
from __future__ import annotations

import os
import signal
import sys
import time


def main() -> None:
    corpus, commit_every, batch_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from veille.config import Settings
    from veille.nlp.pipeline import Pipeline
    from veille.run import ingest

    settings = Settings.from_env(commit_every=commit_every, batch_size=batch_size)
    pipeline = Pipeline(settings)
    pipeline.warm()
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, *args = line.split()
        if cmd == "quit":
            break
        db, delay = args[0], float(args[1])
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: one ingest, then out without running the parent's exit handlers
            code = 0
            try:
                ingest([corpus], db, settings=settings, pipeline=pipeline)
            except BaseException as e:  # noqa: BLE001 - reported to the test as a non-zero code
                print(f"child error: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
                code = 1
            os._exit(code)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                print(f"finished {os.waitstatus_to_exitcode(status)}", flush=True)
                break
            if time.perf_counter() - t0 >= delay:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                print(f"killed {time.perf_counter() - t0:.3f}", flush=True)
                break
            time.sleep(0.005)


if __name__ == "__main__":
    main()
