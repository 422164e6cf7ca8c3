# Works for a few seconds while Scalene writes its snapshots, then limits the size of the files
# this process may write: Scalene's final write of the profile, made in this process when the
# program ends, is cut short after 1,000 bytes. A real torn final write, for the snapshot to
# stand in for.
import resource
import signal
import time


def busy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


end = time.time() + 4
while time.time() < end:
    busy(200000)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
