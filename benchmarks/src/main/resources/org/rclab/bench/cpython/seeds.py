"""The seeds' GIL experiments in CPython, run by `./rclab bench` once per round beside the schemes.

Prints one JSON object: the interpreter, and one result per program, each the median over
--reps runs. Times are wall-clock (time.perf_counter).

countdown (ms per countdown of --steps steps of the seeds' `countdown`, as examples/*.py write it), by shape:
  1thread-main  the main thread counts all the steps
  1thread       one started thread counts all the steps (CPython runs this loop about 1.5x
                faster in a started thread than in the main thread on some hosts, so the
                one-thread baseline of the ratios is a started thread, like the two threads)
  2threads      two started threads count half each
  2processes    a multiprocessing.Pool(2), started and warmed beforehand, counts half in each
interpreted (ns per loop step): the same countdown timings over --steps, under the names of the
  lab's interpreted-countdown shapes (1thread, 2threads, and 2runtimes for the pool's processes), so
  the report sets CPython's time per step beside the lab interpreter's for the same function
ioConvoy (ms per 1 ms sleep, --calls sleeps) with neighbour none | cpu (a thread counting down
until told to stop) and interval 5 | 1 (sys.setswitchinterval in ms).

--serve makes it a participant of a JMH fork that runs cells in turn (CPythonWorker.java): it prints
"ready IMPLEMENTATION VERSION", then reads commands on stdin, one a line, and answers each on stdout:
  thread N   one started thread counts N steps  ->  "ok NANOS CPU_NANOS"
  main N     the main thread counts N steps     ->  "ok NANOS CPU_NANOS"
NANOS is perf_counter_ns around the count (a started thread's start and join included); CPU_NANOS is
the counting thread's own CPU time over its countdown (thread_time_ns), so CPU_NANOS / NANOS says how
much of the turn the counting thread held a CPU (not all of it: another process ran, or the thread
waited to start or to be joined).
Anything else gets "error ..." and the worker ends with status 2. Between commands it blocks on stdin.
"""
import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import threading
import time


def countdown(n):
    while n>0:
        n -= 1


def in_threads(parts):
    threads = [threading.Thread(target=countdown, args=(p,)) for p in parts]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - begin


def main_thread(steps):
    begin = time.perf_counter()
    countdown(steps)
    return time.perf_counter() - begin


def in_pool(pool, steps):
    begin = time.perf_counter()
    pool.map(countdown, [steps // 2, steps - steps // 2])
    return time.perf_counter() - begin


def convoy(calls, neighbour, interval_ms):
    sys.setswitchinterval(interval_ms / 1000.0)
    stop = [False]

    def spin():
        n = 0
        while not stop[0]:
            n += 1

    cpu = threading.Thread(target=spin) if neighbour == "cpu" else None
    if cpu:
        cpu.start()
        time.sleep(0.01)
    try:
        begin = time.perf_counter()
        for _ in range(calls):
            time.sleep(0.001)
        return (time.perf_counter() - begin) / calls
    finally:
        stop[0] = True
        if cpu:
            cpu.join()
        sys.setswitchinterval(0.005)


def median_ms(run, reps):
    return statistics.median(run() for _ in range(reps)) * 1000.0


def serve():
    print("ready", platform.python_implementation(), platform.python_version(), flush=True)
    for line in sys.stdin:
        words = line.split()
        if len(words) != 2 or words[0] not in ("thread", "main") or not words[1].isdigit():
            print("error: not 'thread N' or 'main N':", line.strip(), flush=True)
            sys.exit(2)
        steps = int(words[1])
        cpu = []
        begin = time.perf_counter_ns()
        if words[0] == "thread":
            counter = threading.Thread(target=timed_countdown, args=(steps, cpu))
            counter.start()
            counter.join()
        else:
            timed_countdown(steps, cpu)
        print("ok", time.perf_counter_ns() - begin, cpu[0], flush=True)


def timed_countdown(steps, cpu):
    """The seeds' countdown, adding to cpu the CPU time the calling thread spent in it."""
    begin = time.thread_time_ns()
    countdown(steps)
    cpu.append(time.thread_time_ns() - begin)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--steps", type=int)
    parser.add_argument("--calls", type=int)
    parser.add_argument("--reps", type=int)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    if None in (args.steps, args.calls, args.reps):
        parser.error("--steps, --calls and --reps are required (or --serve)")
    steps, reps = args.steps, args.reps
    results = []

    def add(method, params, unit, score):
        results.append({"method": method, "params": params, "unit": unit, "score": score})

    def countdown_shape(shape, interpreted_shape, run):
        ms = median_ms(run, reps)
        add("countdown", {"shape": shape}, "ms/op", ms)
        if interpreted_shape:
            add("interpreted", {"shape": interpreted_shape}, "ns/op", ms * 1e6 / steps)

    with multiprocessing.Pool(2) as pool:
        pool.map(countdown, [1000, 1000])  # both workers up before anything is timed
        countdown_shape("1thread-main", None, lambda: main_thread(steps))
        countdown_shape("1thread", "1thread", lambda: in_threads([steps]))
        countdown_shape("2threads", "2threads", lambda: in_threads([steps // 2, steps - steps // 2]))
        countdown_shape("2processes", "2runtimes", lambda: in_pool(pool, steps))
    for interval in (5, 1):
        for neighbour in ("none", "cpu"):
            add("ioConvoy", {"neighbour": neighbour, "interval": str(interval)}, "ms/op",
                median_ms(lambda: convoy(args.calls, neighbour, interval), reps))
    print(json.dumps({"implementation": platform.python_implementation(),
                      "version": platform.python_version(), "results": results}))


if __name__ == "__main__":
    main()
