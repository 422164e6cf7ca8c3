# Prints N numbered lines of about 80 bytes, like a chatty build (the long-run tests).
import sys

write = sys.stdout.write
for i in range(int(sys.argv[1])):
    write(f"line {i:07d} Generating html output for connector X{i % 97} and cable W{i % 89}\n")
