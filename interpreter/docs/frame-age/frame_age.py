# frame_age.py: the same countdown loop in a frame made for the call (young) and in a frame that
# lives for the whole run (old after a few young collections), in turn, round after round.
# Prints one line per round: CPU ns per step (time.thread_time), young frame then old frame.
import time

STEPS = 1000000
ROUNDS = 150

def fresh(n):
    while n>0:
        n -= 1

def aged(rounds, n):
    while rounds > 0:
        t0 = time.thread_time()
        fresh(n)
        t1 = time.thread_time()
        k = n
        while k>0:
            k -= 1
        t2 = time.thread_time()
        print((t1 - t0) * 1e9 / n, (t2 - t1) * 1e9 / n)
        rounds -= 1

aged(ROUNDS, STEPS)
