# Works for a moment, then hangs (sleeps forever while burning a little CPU): what a stuck
# build looks like to the timeout. The loop lines are what the profile should show.
import time


def busy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


while True:
    busy(200000)
    time.sleep(0.05)
