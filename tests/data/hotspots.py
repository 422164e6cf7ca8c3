"""A program with one planted CPU hotspot and one planted memory hotspot."""


def cpu_hotspot():
    return sum(i * i % 7 for i in range(6_000_000))  # PLANTED-CPU


def memory_hotspot():
    # bytes(n) comes zeroed from calloc, so Scalene sees the 240 MB without the CPU that
    # touching every page costs: the CPU line stays well ahead on CPU even on a busy machine.
    blocks = [bytes(4 * 1024 * 1024) for _ in range(60)]  # PLANTED-MEMORY
    return sum(len(b) for b in blocks)


def light_work():
    return sorted(str(i) for i in range(20_000))


if __name__ == "__main__":
    light_work()
    memory_hotspot()
    cpu_hotspot()
    light_work()
