"""A program that leaks on purpose: a cache that only grows, on one planted line."""

import time

_cache = []


def handle_request(i):
    _cache.append(bytearray(512 * 1024))  # PLANTED-LEAK
    time.sleep(0.002)
    return len(_cache)


if __name__ == "__main__":
    for i in range(400):
        handle_request(i)
