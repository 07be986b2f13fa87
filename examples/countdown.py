# countdown.py: the GIL experiment, one thread.
# Runs unchanged under CPython (python3 examples/countdown.py) and the lab (./rclab run examples/countdown.py).
import time
from threading import Thread

COUNT = 100000000

def countdown(n):
    while n>0:
        n -= 1

start = time.time()
countdown(COUNT)
end = time.time()

print('Time taken in seconds -', end - start)
