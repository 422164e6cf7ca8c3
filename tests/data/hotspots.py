"""A program with one planted CPU hotspot and one planted memory hotspot."""


def cpu_hotspot():
    return sum(i * i % 7 for i in range(5_000_000))  # PLANTED-CPU


def memory_hotspot():
    blocks = [bytearray(4 * 1024 * 1024) for _ in range(60)]  # PLANTED-MEMORY
    return sum(len(b) for b in blocks)


def light_work():
    return sorted(str(i) for i in range(20_000))


if __name__ == "__main__":
    light_work()
    memory_hotspot()
    cpu_hotspot()
    light_work()
