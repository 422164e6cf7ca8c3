"""Ends in the way named by argv[1]; profiled by the outcome tests under the real Scalene."""
import os
import signal
import sys
import time


def busy(seconds):
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += sum(i * i for i in range(1000))
    return n


mode = sys.argv[1]
if mode == "short":
    print("done at once")
    sys.exit(0)
busy(0.6)
if mode == "ok":
    sys.exit(0)
if mode == "exit3":
    sys.exit(3)
if mode == "raise":
    raise RuntimeError("planted failure")
if mode == "segv":
    os.kill(os.getpid(), signal.SIGSEGV)
if mode == "sleep":
    print("sleeping", flush=True)
    time.sleep(600)
